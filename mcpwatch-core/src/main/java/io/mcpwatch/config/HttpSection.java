package io.mcpwatch.config;

import io.mcpwatch.config.ServiceSettings.HttpSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code http: { enabled?, listen? (HOST:PORT) or host?/port?, token?, publicBaseUrl?,
 * maxRequestBytes?, maxEventsPerRequest?, maxEventBytes?, credentials? }}; {@code credentials} lists
 * the AWS credentials SigV4 clients sign with ({@code accessKeyId}, {@code secretAccessKey} from an
 * environment variable, {@code permissions}). Listening beyond this machine (any
 * host but localhost, 127.x.x.x or ::1) without a token is an error: the server refuses to start.
 */
final class HttpSection {
  private HttpSection() {}

  /** The largest {@code maxRequestBytes}: 1 GiB. */
  static final int MAX_REQUEST_BYTES = 1 << 30;

  /** The largest {@code maxEventBytes}: 64 MiB (what the log readers accept). */
  static final int MAX_EVENT_BYTES = 64 << 20;

  static HttpSettings bind(@Nullable ConfigNode node, BindContext ctx) {
    HttpSettings d = HttpSettings.defaults();
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, "http", ctx);
    boolean enabled = d.enabled();
    ConfigNode enabledNode = m.take("enabled");
    if (enabledNode != null) {
      Located<Boolean> b = Values.bool(enabledNode, m.path("enabled"), ctx);
      enabled = b == null ? enabled : b.value();
    }

    String host = d.host();
    int port = d.port();
    ConfigNode listenNode = m.take("listen");
    ConfigNode hostNode = m.take("host");
    ConfigNode portNode = m.take("port");
    ConfigNode addressNode = listenNode != null ? listenNode : hostNode;
    if (listenNode != null && (hostNode != null || portNode != null)) {
      ConfigNode extra = hostNode != null ? hostNode : portNode;
      ctx.error(
          m.path(hostNode != null ? "host" : "port"),
          extra,
          "write either listen (HOST:PORT) or host and port, not both");
    } else if (listenNode != null) {
      Located<String> l = Values.nonEmpty(listenNode, m.path("listen"), ctx);
      String[] hp = l == null ? null : splitListen(l.value());
      if (l != null && hp == null) {
        ctx.add(
            l.error(
                "expected HOST:PORT such as 127.0.0.1:8787 or [::1]:8787 (port 0 to 65535),"
                    + " found "
                    + listenNode.describe()));
      } else if (hp != null) {
        host = hp[0];
        port = Integer.parseInt(hp[1]);
      }
    } else {
      if (hostNode != null) {
        Located<String> h = ServiceValues.host(hostNode, m.path("host"), ctx);
        host = h == null ? host : h.value();
      }
      if (portNode != null) {
        Located<Integer> p = Values.integer(portNode, m.path("port"), ctx, 0, 65_535);
        port = p == null ? port : p.value();
      }
    }

    ConfigNode tokenNode = m.take("token");
    String token = tokenNode == null ? null : Values.secret(tokenNode, m.path("token"), ctx);
    if (token != null && token.codePoints().anyMatch(Character::isWhitespace)) {
      ctx.error(m.path("token"), tokenNode, "must not contain spaces (it is sent in a header)");
      token = null;
    }

    String publicBaseUrl = host.indexOf(':') >= 0 ? "http://[" + host + "]:" + port : null;
    ConfigNode baseNode = m.take("publicBaseUrl");
    if (baseNode != null) {
      String b = baseUrl(baseNode, m.path("publicBaseUrl"), ctx);
      publicBaseUrl = b == null ? publicBaseUrl : b;
    }
    long maxRequestBytes = d.maxRequestBytes();
    ConfigNode reqNode = m.take("maxRequestBytes");
    if (reqNode != null) {
      Located<Integer> n =
          Values.integer(reqNode, m.path("maxRequestBytes"), ctx, 1024, MAX_REQUEST_BYTES);
      maxRequestBytes = n == null ? maxRequestBytes : n.value();
    }
    int maxEvents = d.maxEventsPerRequest();
    ConfigNode eventsNode = m.take("maxEventsPerRequest");
    if (eventsNode != null) {
      Located<Integer> n =
          Values.integer(eventsNode, m.path("maxEventsPerRequest"), ctx, 1, 1_000_000);
      maxEvents = n == null ? maxEvents : n.value();
    }
    long maxEventBytes = d.maxEventBytes();
    ConfigNode eventBytesNode = m.take("maxEventBytes");
    if (eventBytesNode != null) {
      Located<Integer> n =
          Values.integer(eventBytesNode, m.path("maxEventBytes"), ctx, 1, MAX_EVENT_BYTES);
      if (n != null && n.value() > maxRequestBytes) {
        ctx.add(
            n.error(
                "must not be larger than maxRequestBytes ("
                    + maxRequestBytes
                    + "): such an event could never arrive"));
      } else if (n != null) {
        maxEventBytes = n.value();
      }
    }
    ConfigNode credentialsNode = m.take("credentials");
    List<ServiceSettings.AwsCredential> credentials =
        credentialsNode == null ? List.of() : credentials(credentialsNode, m.path("credentials"), ctx);
    m.finish();

    if (enabled && token == null && tokenNode == null && !ServiceValues.isLoopback(host)) {
      ConfigNode at = addressNode != null ? addressNode : node;
      ctx.error(
          m.path(listenNode != null ? "listen" : "host"),
          at,
          "http listens on "
              + host
              + ", which other machines can reach, but has no token: set http.token (e.g."
              + " ${MCPWATCH_HTTP_TOKEN}); the server refuses to start without one");
    }
    return new HttpSettings(
        enabled, host, port, token, publicBaseUrl, maxRequestBytes, maxEvents, maxEventBytes,
        credentials);
  }

  /** The shortest accepted AWS secret (AWS's own are 40 characters). */
  static final int MIN_SECRET_LENGTH = 20;

  /**
   * {@code credentials: [{accessKeyId, secretAccessKey, permissions: [ingest|read|admin]}]}: the
   * AWS credentials SigV4 clients sign with. A missing or weak secret is an error.
   */
  private static List<ServiceSettings.AwsCredential> credentials(
      ConfigNode node, String path, BindContext ctx) {
    List<ConfigNode> items = Values.list(node, path, ctx);
    List<ServiceSettings.AwsCredential> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = BindContext.index(path, i);
      MapReader m = MapReader.of(items.get(i), at, ctx);
      ConfigNode idNode = m.take("accessKeyId");
      ConfigNode secretNode = m.take("secretAccessKey");
      ConfigNode permNode = m.take("permissions");
      m.finish();
      String id = null;
      if (idNode == null) {
        ctx.error(m.path("accessKeyId"), items.get(i), "missing: the access key id clients sign with");
      } else {
        Located<String> l = Values.nonEmpty(idNode, m.path("accessKeyId"), ctx);
        if (l != null) {
          id = l.value();
          if (id.length() < 16 || id.length() > 128
              || !id.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            ctx.error(m.path("accessKeyId"), idNode,
                "expected 16-128 characters of A-Z and 0-9 (like AKIA...), found "
                    + idNode.describe());
            id = null;
          } else if (!ids.add(id)) {
            ctx.error(m.path("accessKeyId"), idNode, "this access key id is listed twice");
            id = null;
          }
        }
      }
      String secret = null;
      if (secretNode == null) {
        ctx.error(m.path("secretAccessKey"), items.get(i),
            "missing: set it from the environment, e.g. ${MCPWATCH_AWS_SECRET}");
      } else {
        secret = Values.secret(secretNode, m.path("secretAccessKey"), ctx);
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
          ctx.error(m.path("secretAccessKey"), secretNode,
              "too weak: expected at least " + MIN_SECRET_LENGTH + " characters, found "
                  + secret.length());
          secret = null;
        } else if (secret != null && !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          ctx.error(m.path("secretAccessKey"), secretNode,
              "expected printable ASCII without spaces");
          secret = null;
        }
      }
      List<String> permissions = new ArrayList<>();
      if (permNode == null) {
        ctx.error(m.path("permissions"), items.get(i),
            "missing: a list of " + ServiceSettings.AwsCredential.PERMISSIONS);
      } else {
        List<Located<String>> names = Values.names(permNode, m.path("permissions"), ctx);
        if (names != null) {
          for (Located<String> n : names) {
            if (!ServiceSettings.AwsCredential.PERMISSIONS.contains(n.value())) {
              ctx.add(n.error("expected one of " + ServiceSettings.AwsCredential.PERMISSIONS
                  + ", found '" + n.value() + "'"));
            } else if (!permissions.contains(n.value())) {
              permissions.add(n.value());
            }
          }
        }
      }
      if (id != null && secret != null && !permissions.isEmpty()) {
        out.add(new ServiceSettings.AwsCredential(id, secret, permissions));
      }
    }
    return out;
  }

  /** {@code [HOST, PORT]} from {@code host:port} or {@code [v6]:port}; null when malformed. */
  static String @Nullable [] splitListen(String listen) {
    String host;
    String port;
    if (listen.startsWith("[")) {
      int close = listen.indexOf(']');
      if (close < 0 || close + 1 >= listen.length() || listen.charAt(close + 1) != ':') {
        return null;
      }
      host = listen.substring(1, close);
      port = listen.substring(close + 2);
    } else {
      int colon = listen.lastIndexOf(':');
      if (colon < 0 || listen.indexOf(':') != colon) {
        return null;
      }
      host = listen.substring(0, colon);
      port = listen.substring(colon + 1);
    }
    if (!ServiceValues.isHost(host)
        || port.isEmpty()
        || port.length() > 5
        || !port.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(port) > 65_535) {
      return null;
    }
    return new String[] {host, port};
  }

  /** An http:// or https:// URL with a host and without query or fragment (notify's rule). */
  private static @Nullable String baseUrl(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.nonEmpty(node, path, ctx);
    if (s == null) {
      return null;
    }
    String u = s.value().strip();
    String rest =
        u.startsWith("http://") ? u.substring(7) : u.startsWith("https://") ? u.substring(8) : null;
    if (rest == null
        || rest.isEmpty()
        || rest.startsWith("/")
        || u.contains("?")
        || u.contains("#")
        || u.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      ctx.error(
          path,
          node,
          "expected an http:// or https:// URL without query, e.g. https://mcpwatch.example.com;"
              + " found "
              + node.describe());
      return null;
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
