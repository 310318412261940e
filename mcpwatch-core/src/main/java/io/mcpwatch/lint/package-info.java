/**
 * The configuration linter: pure checks over a bound and resolved configuration that report
 * findings with a severity, the key path and line:column, a message and an optional suggestion.
 *
 * <p>Start at {@link io.mcpwatch.lint.Linter#lint}. Errors are things CloudWatch would reject (or
 * that make mcpwatch refuse to run); warnings are things that work but almost certainly do not do
 * what was meant (a bare {@code ERROR} term, a threshold that can never be reached); infos explain
 * where mcpwatch differs from CloudWatch (a static {@code MCP = {app}} dimension).
 */
@NullMarked
package io.mcpwatch.lint;

import org.jspecify.annotations.NullMarked;
