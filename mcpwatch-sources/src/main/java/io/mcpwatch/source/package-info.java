/** Log sources: where events come from (files, Docker logs, stdin, exported JSON). */
@NullMarked
package io.mcpwatch.source;

import org.jspecify.annotations.NullMarked;
