package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Binds {@code environments: { dev: { topic: ..., subscribers: [...] }, ... }}. */
final class EnvironmentsSection {
  private EnvironmentsSection() {}

  static List<Environment> bind(@Nullable ConfigNode node, TopicsSection topics, BindContext ctx) {
    List<Environment> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    MapReader map = MapReader.of(node, "environments", ctx);
    for (ConfigNode.Entry e : map.named("environment")) {
      String path = map.path(e.key());
      MapReader env = MapReader.of(e.value(), path, ctx);
      ConfigNode topicNode = env.require("topic");
      Located<String> topic =
          topicNode == null ? null : TopicsSection.topicName(topicNode, env.path("topic"), ctx);
      ConfigNode subs = env.take("subscribers");
      List<Subscriber> subscribers =
          subs == null ? List.of() : TopicsSection.subscribers(subs, env.path("subscribers"), ctx);
      env.finish();
      if (topic != null) {
        topics.declare(
            new Topic(topic.value(), subscribers, topic.path(), topic.line(), topic.column()), ctx);
      }
      out.add(new Environment(e.key(), topic, path, e.line(), e.column()));
    }
    return out;
  }
}
