/**
 * mcpwatch speaks AWS on the wire. Start at {@link io.mcpwatch.aws.AwsApi} (a request in, a response
 * out) and {@link io.mcpwatch.aws.AwsRoutes} (how Javalin hands it requests). The layers: {@code
 * wire} (protocols), {@code auth} (SigV4, bearer token), {@code logs} and {@code cloudwatch} (one
 * class per service, one method per operation).
 */
@NullMarked
package io.mcpwatch.aws;

import org.jspecify.annotations.NullMarked;
