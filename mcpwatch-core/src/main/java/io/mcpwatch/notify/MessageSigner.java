package io.mcpwatch.notify;

/**
 * Port: signs SNS envelopes with mcpwatch's own key (SignatureVersion 2: SHA256withRSA). The
 * module mcpwatch-notify provides the implementation with key and certificate management; the
 * certificate is served at {@link Links#signingCertificate()}.
 */
@FunctionalInterface
public interface MessageSigner {
  /** The SHA256withRSA signature of {@code data}. */
  byte[] sign(byte[] data);
}
