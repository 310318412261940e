/**
 * {@code mcpwatch demo}: the live service on the init template, fed by a simulator of ADR-0003's
 * four MCP servers that writes realistic uvicorn and Python log files (normal traffic, then an OBO
 * failure burst, a 404 scan and a 5xx outage). Start at {@link io.mcpwatch.demo.Demo#run}. {@link
 * io.mcpwatch.demo.CorpusGenerator} writes the same kind of traffic as large files for tests and
 * benchmarks.
 */
@NullMarked
package io.mcpwatch.demo;

import org.jspecify.annotations.NullMarked;
