package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binds subscriber lists and the optional {@code topics} section (extra topics that alarm actions
 * can name, e.g. an on-call topic for prod), and keeps the set of declared topics: a topic declared
 * twice must have the same subscribers.
 */
final class TopicsSection {
  private final Map<String, Topic> topics = new LinkedHashMap<>();

  static final String TOPIC_NAME =
      "expected a topic name of 1 to 256 characters from A-Z a-z 0-9 _ - (as SNS allows)";

  /** A topic name as SNS allows it: 1 to 256 of {@code A-Z a-z 0-9 _ -}. */
  static @Nullable Located<String> topicName(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.nonEmpty(node, path, ctx);
    if (s != null && !isTopicName(s.value())) {
      ctx.error(path, node, TOPIC_NAME + ", found " + node.describe());
      return null;
    }
    return s;
  }

  static boolean isTopicName(String s) {
    return Values.isName(s) && s.indexOf('.') < 0;
  }

  /** Binds {@code topics: { name: { subscribers: [...] } }}. */
  void bindSection(@Nullable ConfigNode node, BindContext ctx) {
    if (node == null || Values.isNull(node)) {
      return;
    }
    MapReader map = MapReader.of(node, "topics", ctx);
    for (ConfigNode.Entry e : map.all()) {
      String path = map.path(e.key());
      if (!isTopicName(e.key())) {
        ctx.error(path, e.line(), e.column(), TOPIC_NAME);
        continue;
      }
      MapReader t = MapReader.of(e.value(), path, ctx);
      ConfigNode subs = t.take("subscribers");
      List<Subscriber> list =
          subs == null ? List.of() : subscribers(subs, t.path("subscribers"), ctx);
      t.finish();
      declare(new Topic(e.key(), list, path, e.line(), e.column()), ctx);
    }
  }

  /** Declares a topic (from an environment or the topics section). */
  void declare(Topic topic, BindContext ctx) {
    Topic first = topics.putIfAbsent(topic.name(), topic);
    if (first != null && !sameSubscribers(first, topic)) {
      ctx.error(
          topic.path(),
          topic.line(),
          topic.column(),
          "topic "
              + topic.name()
              + " is also declared at "
              + first.line()
              + ":"
              + first.column()
              + " with other subscribers; declare its subscribers once");
    }
  }

  List<Topic> topics() {
    return List.copyOf(topics.values());
  }

  private static boolean sameSubscribers(Topic a, Topic b) {
    if (a.subscribers().size() != b.subscribers().size()) {
      return false;
    }
    for (int i = 0; i < a.subscribers().size(); i++) {
      Subscriber x = a.subscribers().get(i);
      Subscriber y = b.subscribers().get(i);
      if (!x.toNotify().key().equals(y.toNotify().key())) {
        return false;
      }
    }
    return true;
  }

  /** Binds a list of {@code { protocol: endpoint }} entries ({@code { email: address }}). */
  static List<Subscriber> subscribers(ConfigNode node, String path, BindContext ctx) {
    if (Values.isNull(node)) {
      return List.of();
    }
    List<ConfigNode> items = Values.list(node, path, ctx);
    if (items == null) {
      return List.of();
    }
    List<Subscriber> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Subscriber s = subscriber(items.get(i), BindContext.index(path, i), ctx);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static @Nullable Subscriber subscriber(ConfigNode node, String path, BindContext ctx) {
    if (!(node instanceof ConfigNode.MapNode)
        || ((ConfigNode.MapNode) node).entries().size() != 1) {
      ctx.error(
          path,
          node,
          "expected one protocol and its endpoint, e.g. { email: owners@example.com }, found "
              + node.describe());
      return null;
    }
    ConfigNode.Entry e = ((ConfigNode.MapNode) node).entries().get(0);
    String p = BindContext.join(path, e.key());
    Subscriber.Protocol protocol = null;
    List<String> keys = new ArrayList<>();
    for (Subscriber.Protocol candidate : Subscriber.Protocol.values()) {
      keys.add(candidate.key());
      if (candidate.key().equals(e.key())) {
        protocol = candidate;
      }
    }
    if (protocol == null) {
      ctx.error(
          p,
          e.line(),
          e.column(),
          "unknown subscriber protocol (supported: "
              + String.join(", ", keys)
              + ")"
              + Suggest.didYouMean(e.key(), keys));
      return null;
    }
    Located<String> endpoint = Values.nonEmpty(e.value(), p, ctx);
    if (endpoint == null) {
      return null;
    }
    String problem = Endpoints.check(protocol.toNotify(), endpoint.value());
    if (problem != null && protocol.isEmail() && endpoint.value().contains("://")) {
      problem =
          "expected an e-mail address, found a URL (URLs are subscribed with https:, http:,"
              + " slack: or teams:)";
    }
    if (problem != null) {
      ctx.add(endpoint.error(problem));
      return null;
    }
    return new Subscriber(protocol, endpoint.value().strip(), path, node.line(), node.column());
  }
}
