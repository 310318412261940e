package io.mcpwatch.aws.logs;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which log groups exist for the Logs API: the ones the configuration names (an app's log group,
 * an alarm's metric filter), and which further names {@code CreateLogGroup} may add (for example
 * names an app's log-group template maps). Every other group is unknown: PutLogEvents and
 * CreateLogStream answer {@code ResourceNotFoundException}, so a shipper pointed at a group no
 * alarm watches fails loudly instead of losing events.
 */
public interface LogGroupDirectory {
  /** The configured groups (they exist without CreateLogGroup). */
  Set<String> configured();

  /** Whether CreateLogGroup may add {@code name}; false for every name by default. */
  boolean creatable(String name);

  /** A directory over fixed names; {@code creatable} decides API-created groups. */
  static LogGroupDirectory of(Collection<String> configured, Predicate<String> creatable) {
    Set<String> names = Set.copyOf(new TreeSet<>(configured));
    return new LogGroupDirectory() {
      @Override
      public Set<String> configured() {
        return names;
      }

      @Override
      public boolean creatable(String name) {
        return creatable.test(name);
      }
    };
  }
}
