package io.mcpwatch.pattern;

import org.jspecify.annotations.Nullable;

/**
 * Base of the matchers that extract no values (term, regex and match-all patterns): {@link
 * #match} is {@link #matches} plus the shared empty match, so neither allocates.
 */
abstract class ExtractsNothing implements CompiledMatcher {

  @Override
  public final @Nullable PatternMatch match(String message) {
    return matches(message) ? EmptyMatch.INSTANCE : null;
  }

  @Override
  public final boolean canReference(String fieldRef) {
    return false;
  }
}
