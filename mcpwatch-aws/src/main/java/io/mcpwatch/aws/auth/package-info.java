/**
 * Who may call the AWS endpoints. Start at {@link io.mcpwatch.aws.auth.Authenticator}: {@link
 * io.mcpwatch.aws.auth.Authenticator#open()} on loopback without credentials, otherwise {@link
 * io.mcpwatch.aws.auth.RequestAuth} (AWS Signature Version 4 against configured {@link
 * io.mcpwatch.aws.auth.AccessKey}s, or the bearer token).
 */
@NullMarked
package io.mcpwatch.aws.auth;

import org.jspecify.annotations.NullMarked;
