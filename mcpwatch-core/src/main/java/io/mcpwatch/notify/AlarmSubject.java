package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmState;

/**
 * The e-mail subject and SNS {@code Subject}: {@code ALARM: "<name>" in <Region long name>}.
 *
 * <p>SNS requires a subject under 100 characters with no line breaks or control characters (spec
 * 4.2). How CloudWatch shortens long names is not known [UNCERTAIN]; mcpwatch replaces unsafe
 * characters with spaces and, when the subject would exceed {@value #MAX} characters, shortens the
 * alarm name inside the quotes and ends it with {@code ...} (the state and the region stay
 * readable). Should even that not fit (an absurd region name), the whole subject is cut.
 */
final class AlarmSubject {
  static final int MAX = 99;

  private AlarmSubject() {}

  static String of(AlarmState state, String alarmName, String regionLongName) {
    String prefix = state.name() + ": \"";
    String suffix = "\" in " + Text.headerSafe(regionLongName);
    String name = Text.headerSafe(alarmName);
    int room = MAX - prefix.length() - suffix.length();
    if (name.length() > room) {
      if (room < 4) {
        return Text.truncate(prefix + name + suffix, MAX);
      }
      name = Text.truncate(name, room);
    }
    return prefix + name + suffix;
  }
}
