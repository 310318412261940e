package io.mcpwatch.notify.http;

import io.mcpwatch.notify.SnsEnvelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a received SNS document the way SNS subscribers do (spec 4.5): rebuild the canonical
 * string for its {@code Type}, then check {@code Signature} with the certificate's public key,
 * SHA1withRSA for SignatureVersion 1 and SHA256withRSA for 2. The caller decides which
 * certificate to trust (fetch it from the SigningCertURL only if that URL is one it trusts).
 */
public final class SnsMessageVerifier {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SnsMessageVerifier() {}

  /** Whether {@code documentJson} is a well-formed SNS document signed by {@code cert}'s key. */
  public static boolean verify(String documentJson, X509Certificate cert) {
    try {
      JsonNode n = JSON.readTree(documentJson);
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isString()) {
          return false;
        }
        fields.put(e.getKey(), e.getValue().asString());
      }
      String version = fields.get("SignatureVersion");
      String signature = fields.get("Signature");
      if (signature == null || !("1".equals(version) || "2".equals(version))) {
        return false;
      }
      Signature v = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
      v.initVerify(cert.getPublicKey());
      v.update(SnsEnvelope.stringToSign(fields).getBytes(StandardCharsets.UTF_8));
      return v.verify(Base64.getDecoder().decode(signature));
    } catch (JacksonException | GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Downloads and parses the PEM certificate at {@code url}. */
  public static X509Certificate fetchCertificate(HttpClient client, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(15)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " fetching the signing certificate");
    }
    try {
      return SigningKeys.parseCertificate(r.body());
    } catch (GeneralSecurityException e) {
      throw new IOException("not a PEM certificate", e);
    }
  }
}
