package io.mcpwatch.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.aws.wire.AwsRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4Test {
  /** The worked example of AWS's SigV4 documentation (IAM ListUsers, 2015-08-30). */
  @Test
  void signature_awsDocumentationExample_matches() {
    AwsRequest r =
        new AwsRequest(
            "GET",
            "/",
            "Action=ListUsers&Version=2010-05-08",
            Map.of(
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "Host", List.of("iam.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z")),
            new byte[0]);
    String canonical =
        SigV4.canonicalRequest(
            r,
            List.of("content-type", "host", "x-amz-date"),
            SigV4.hex(SigV4.sha256(new byte[0])));
    assertThat(SigV4.hex(SigV4.sha256(canonical)))
        .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    String sts =
        SigV4.stringToSign(
            "20150830T123600Z", "20150830/us-east-1/iam/aws4_request", canonical);
    String sig =
        SigV4.signature(
            "AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "20150830",
            "us-east-1",
            "iam",
            sts);
    assertThat(sig).isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  }

  @Test
  void parse_brokenHeaders_areNull() {
    assertThat(SigV4.parse("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host")).isNull();
    assertThat(SigV4.parse("AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=x"))
        .isNull();
    assertThat(SigV4.parse("Basic abc")).isNull();
    assertThat(
            SigV4.parse(
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/logs/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc"))
        .isNotNull()
        .satisfies(h -> assertThat(h.signedHeaders()).containsExactly("host", "x-amz-date"));
  }

  @Test
  void canonicalQuery_sortsAndReencodes() {
    assertThat(SigV4.canonicalQuery("b=2&a=x%20y&a=1")).isEqualTo("a=1&a=x%20y&b=2");
  }

  @Test
  void accessKey_toString_neverShowsTheSecret() {
    AccessKey k =
        AccessKey.of(
            "aws.credentials[0]",
            "AKIDMCPWATCHTEST01",
            "super-secret-value-1234567890",
            java.util.EnumSet.of(io.mcpwatch.aws.wire.Access.INGEST));
    assertThat(k.toString()).doesNotContain("super-secret").contains("AKIDMCPWATCHTEST01");
  }

  @Test
  void accessKey_weakOrMissingSecret_isAConfigurationError() {
    java.util.Set<io.mcpwatch.aws.wire.Access> a =
        java.util.EnumSet.of(io.mcpwatch.aws.wire.Access.READ);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AccessKey.of("aws.credentials[1]", "AKIDMCPWATCHTEST01", "", a))
        .hasMessageStartingWith("aws.credentials[1].secretAccessKey: missing");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AccessKey.of("aws.credentials[1]", "AKIDMCPWATCHTEST01", "short", a))
        .hasMessageStartingWith("aws.credentials[1].secretAccessKey: too weak")
        .hasMessageNotContaining("short");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AccessKey.of("aws.credentials[1]", "akid", "long-enough-secret-123456", a))
        .hasMessageStartingWith("aws.credentials[1].accessKeyId");
  }
}
