package io.mcpwatch.aws.auth;

import io.mcpwatch.aws.wire.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4, the computing half: the canonical request, the string to sign and the
 * signature, as the AWS documentation ("Create a signed AWS API request") describes it for every
 * service but S3 (paths encoded twice, no path normalisation beyond that).
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String UNSIGNED = "UNSIGNED-PAYLOAD";

  private SigV4() {}

  /** The parsed {@code Authorization} header. */
  record Header(
      String accessKeyId,
      String date,
      String region,
      String service,
      String terminator,
      List<String> signedHeaders,
      String signature) {}

  /** Parses {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
  static @Nullable Header parse(String authorization) {
    if (!authorization.startsWith(ALGORITHM + " ")) {
      return null;
    }
    String credential = null;
    String signed = null;
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = p.substring(0, eq);
      String v = p.substring(eq + 1);
      if (k.equals("Credential")) {
        credential = v;
      } else if (k.equals("SignedHeaders")) {
        signed = v;
      } else if (k.equals("Signature")) {
        signature = v;
      }
    }
    if (credential == null || signed == null || signature == null) {
      return null;
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || signed.isEmpty()) {
      return null;
    }
    List<String> names = List.of(signed.split(";", -1));
    return new Header(scope[0], scope[1], scope[2], scope[3], scope[4], names, signature);
  }

  static String canonicalRequest(AwsRequest r, List<String> signedHeaders, String payloadHash) {
    StringBuilder b = new StringBuilder(512);
    b.append(r.method()).append('\n');
    b.append(canonicalUri(r.rawPath())).append('\n');
    b.append(canonicalQuery(r.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = r.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      b.append(name.toLowerCase(Locale.ROOT)).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(values.get(i).strip().replaceAll(" +", " "));
      }
      b.append('\n');
    }
    b.append('\n');
    b.append(String.join(";", signedHeaders)).append('\n');
    b.append(payloadHash);
    return b.toString();
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
  }

  /** The hex signature of {@code stringToSign} with the key derived from {@code keyPrefix}. */
  static String signature(
      byte[] keyPrefix, String date, String region, String service, String stringToSign) {
    byte[] k = hmac(keyPrefix, date);
    k = hmac(k, region);
    k = hmac(k, service);
    k = hmac(k, "aws4_request");
    return hex(hmac(k, stringToSign));
  }

  /** Each path segment encoded (again): the raw path is already encoded once by the client. */
  static String canonicalUri(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder b = new StringBuilder(rawPath.length() + 8);
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '/') {
        b.append('/');
      } else {
        encode(b, String.valueOf(c));
      }
    }
    return b.toString();
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String k = decode(eq < 0 ? p : p.substring(0, eq));
      String v = eq < 0 ? "" : decode(p.substring(eq + 1));
      StringBuilder ek = new StringBuilder();
      encode(ek, k);
      StringBuilder ev = new StringBuilder();
      encode(ev, v);
      pairs.add(new String[] {ek.toString(), ev.toString()});
    }
    pairs.sort((a, c) -> a[0].equals(c[0]) ? a[1].compareTo(c[1]) : a[0].compareTo(c[0]));
    StringBuilder b = new StringBuilder();
    for (String[] p : pairs) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(p[0]).append('=').append(p[1]);
    }
    return b.toString();
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static void encode(StringBuilder b, String s) {
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
