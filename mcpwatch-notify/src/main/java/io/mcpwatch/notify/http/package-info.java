/**
 * SNS-style HTTP/HTTPS delivery with {@link java.net.http.HttpClient}, and the signing key and
 * certificate behind SignatureVersion 2.
 *
 * <p>Start here: {@link io.mcpwatch.notify.http.SnsHttpNotifier} posts {@code http}/{@code https}
 * items; {@link io.mcpwatch.notify.http.SigningKeys#loadOrCreate} provides the {@link
 * io.mcpwatch.notify.MessageSigner} and the PEM certificate to serve at the SigningCertURL; {@link
 * io.mcpwatch.notify.http.SnsMessageVerifier} checks a received document (for tests and
 * receivers). {@link io.mcpwatch.notify.http.HttpPost} is the shared POST-and-classify step that
 * the chat webhooks reuse.
 */
@NullMarked
package io.mcpwatch.notify.http;

import org.jspecify.annotations.NullMarked;
