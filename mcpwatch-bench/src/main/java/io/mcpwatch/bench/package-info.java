/** JMH benchmarks of the hot paths. Run: {@code java -jar mcpwatch-bench/target/benchmarks.jar}. */
package io.mcpwatch.bench;
