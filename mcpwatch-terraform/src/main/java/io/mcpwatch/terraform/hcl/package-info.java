/**
 * HCL (Terraform's native syntax): a parser that keeps every expression's {@code file:line:column}
 * and an evaluator for the values mcpwatch reads. Start at {@link
 * io.mcpwatch.terraform.hcl.HclParser#parse} (text to {@link io.mcpwatch.terraform.hcl.Body}) and
 * {@link io.mcpwatch.terraform.hcl.Evaluator#eval} (expression to {@link
 * io.mcpwatch.terraform.hcl.Value}).
 *
 * <p>Why not a library: the HCL parser on Maven Central, {@code com.bertramlabs.plugins:hcl4j}
 * 0.9.4, resolves here, but its public API evaluates while parsing and returns plain maps without
 * positions (its symbols' line and column live in a package-private lexer), an unset variable
 * silently becomes {@code ""} or {@code null} ({@code "${var.appname}-errors"} reads as {@code
 * "-errors"}), a reference such as {@code metric_transformation[0].name} comes back as a made-up
 * string, it prints to standard output and it brings Jackson 2, commons-logging, Apache HttpClient
 * and commons-net. mcpwatch needs the opposite: the position of every attribute (a finding points
 * at {@code pattern = "4??"}) and an error, never a guess, for what it cannot resolve. The grammar
 * is small and specified (hclsyntax spec), and exported HCL is checked against HashiCorp's own
 * parser ({@code @cdktf/hcl2json}) in the tests when Node.js is present.
 */
@NullMarked
package io.mcpwatch.terraform.hcl;

import org.jspecify.annotations.NullMarked;
