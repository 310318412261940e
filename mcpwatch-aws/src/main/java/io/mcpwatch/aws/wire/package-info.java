/**
 * The AWS wire, apart from what the calls mean. Start at {@link io.mcpwatch.aws.wire.Protocol}:
 * each protocol (AWS JSON 1.1, AWS JSON 1.0, Smithy RPC v2 CBOR) turns a request into a {@link
 * io.mcpwatch.aws.wire.Call} and an output tree or {@link io.mcpwatch.aws.wire.AwsError} back into a
 * response; {@link io.mcpwatch.aws.wire.Input} reads members with AWS's validation messages; {@link
 * io.mcpwatch.aws.wire.Operation} is what a service class lists.
 */
@NullMarked
package io.mcpwatch.aws.wire;

import org.jspecify.annotations.NullMarked;
