package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled space-delimited pattern (spec 1.4). Immutable and thread-safe.
 *
 * <p>The event is split into fields by {@link FieldSplitter}. Slots before the {@code ...} (the
 * prefix) match the first fields, slots after it (the suffix) the last ones. Without {@code ...}
 * the event must have exactly as many fields as the pattern has slots, unless {@link
 * PatternOptions.DelimitedFieldCount#LAST_ABSORBS_REST} lets the last slot take the rest of the
 * line. {@code []} (and {@code [...]}) match any event.
 *
 * <p>{@link #matches} allocates nothing but the values of the fields that carry a condition: field
 * positions go to a per-thread scratch array sized for this pattern (prefix fields, plus a ring of
 * the last suffix fields), and splitting stops as soon as the answer is known. When {@code ...}
 * ends the pattern only the prefix is split, into {@link LeadingFields}, which patterns testing
 * the same event one after the other share.
 */
final class DelimitedPattern implements CompiledMatcher {
  private static final int STRIDE = FieldSplitter.STRIDE;
  private static final String[] POSITIONAL = new String[128];

  static {
    for (int i = 1; i < POSITIONAL.length; i++) {
      POSITIONAL[i] = "$" + i;
    }
  }

  /** One field slot: named or not, with its conditions, or the ellipsis. */
  record Slot(@Nullable String name, @Nullable SlotCondition condition, boolean ellipsis, int column) {}

  /** {@code $name} per slot (ellipsis excluded), or null for unnamed slots. */
  private final @Nullable String[] keys;

  private final @Nullable SlotCondition[] conditions;
  private final int slots;
  private final int prefix;
  private final int suffix;
  private final boolean ellipsis;
  private final boolean anyCount;
  private final boolean absorbRest;
  /** {@code ...} ends the pattern: only the first {@link #prefix} fields are needed. */
  private final boolean leadingOnly;
  private final ThreadLocal<int[]> scratch;

  /**
   * A copy confined to one thread ({@link #confinedTo}): its own scratch array and that thread's
   * leading fields, instead of two thread-local lookups per event (on JDK 17's C1 each costs a JNI
   * call, ~13 % of a replay thread's time with the ADR's patterns). Null for the shared pattern.
   */
  private final int @Nullable [] ownScratch;

  private final @Nullable LeadingFields ownFields;

  /** Substrings a matching event must contain, longest first: checked before splitting. */
  private final String[] required;

  private final @Nullable List<String> anyOfRequired;

  private final List<List<String>> allOfRequired;

  DelimitedPattern(
      List<Slot> parsed,
      boolean any,
      PatternOptions options,
      Collection<String> required,
      @Nullable List<String> anyOfRequired,
      List<List<String>> allOfRequired) {
    this.anyOfRequired = anyOfRequired;
    this.allOfRequired = List.copyOf(allOfRequired);
    this.required =
        required.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toArray(String[]::new);
    int ellipsisAt = -1;
    for (int i = 0; i < parsed.size(); i++) {
      if (parsed.get(i).ellipsis()) {
        ellipsisAt = i;
      }
    }
    this.ellipsis = ellipsisAt >= 0;
    this.slots = parsed.size() - (ellipsis ? 1 : 0);
    this.prefix = ellipsis ? ellipsisAt : slots;
    this.suffix = slots - prefix;
    this.anyCount = any || (ellipsis && slots == 0);
    this.absorbRest =
        !ellipsis
            && options.delimitedFieldCount()
                == PatternOptions.DelimitedFieldCount.LAST_ABSORBS_REST;
    this.leadingOnly = ellipsis && suffix == 0 && !anyCount;
    this.keys = new String[slots];
    this.conditions = new SlotCondition[slots];
    int s = 0;
    for (Slot slot : parsed) {
      if (!slot.ellipsis()) {
        keys[s] = slot.name() == null ? null : "$" + slot.name();
        conditions[s] = slot.condition();
        s++;
      }
    }
    int size = STRIDE * (slots + 1);
    this.scratch = ThreadLocal.withInitial(() -> new int[size]);
    this.ownScratch = null;
    this.ownFields = null;
  }

  /** {@code shared} for the one thread whose leading fields {@code fields} are. */
  private DelimitedPattern(DelimitedPattern shared, LeadingFields fields) {
    this.keys = shared.keys;
    this.conditions = shared.conditions;
    this.slots = shared.slots;
    this.prefix = shared.prefix;
    this.suffix = shared.suffix;
    this.ellipsis = shared.ellipsis;
    this.anyCount = shared.anyCount;
    this.absorbRest = shared.absorbRest;
    this.leadingOnly = shared.leadingOnly;
    this.scratch = shared.scratch;
    this.required = shared.required;
    this.anyOfRequired = shared.anyOfRequired;
    this.allOfRequired = shared.allOfRequired;
    this.ownScratch = new int[STRIDE * (slots + 1)];
    this.ownFields = fields;
  }

  @Override
  public CompiledMatcher confinedTo(LeadingFields fields) {
    return anyCount ? this : new DelimitedPattern(this, fields);
  }

  @Override
  public @Nullable List<String> requiredLiterals() {
    return anyCount ? null : anyOfRequired;
  }

  @Override
  public @Nullable List<List<String>> requiredAll() {
    return anyCount || allOfRequired.isEmpty() ? null : allOfRequired;
  }

  /** Whether the event contains every required substring (it cannot match otherwise). */
  private boolean mayMatch(String message) {
    for (String r : required) {
      if (!message.contains(r)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean matches(String message) {
    if (anyCount) {
      return true;
    }
    if (!mayMatch(message)) {
      return false;
    }
    if (leadingOnly) {
      return leadingMatch(message);
    }
    int[] own = ownScratch;
    int[] pos = own != null ? own : scratch.get();
    boolean tabs = message.indexOf('\t') >= 0;
    int n = 0;
    int from = 0;
    while (true) {
      int next = FieldSplitter.next(message, from, tabs, pos, STRIDE * ringSlot(n));
      if (next < 0) {
        break;
      }
      n++;
      from = next;
      if (ellipsis) {
        if (suffix == 0 && n == prefix) {
          break; // the trailing '...' takes whatever follows
        }
      } else if (absorbRest) {
        if (n == slots) {
          break;
        }
      } else if (n > slots) {
        return false;
      }
    }
    if (!countFits(n)) {
      return false;
    }
    for (int i = 0; i < slots; i++) {
      SlotCondition c = conditions[i];
      if (c != null) {
        int at = STRIDE * ringSlot(fieldOf(i, n));
        boolean rest = absorbs(message, i, from);
        int start = rest ? pos[at + 2] : pos[at];
        int end = rest ? FieldSplitter.contentEnd(message) : pos[at + 1];
        if (!c.test(message, start, end)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@link #matches} for {@code [prefix slots, ...]}: on the thread's shared leading fields. */
  private boolean leadingMatch(String message) {
    LeadingFields own = ownFields;
    LeadingFields fields = own != null ? own : LeadingFields.current();
    if (fields.split(message, prefix) < prefix) {
      return false;
    }
    int[] pos = fields.pos;
    for (int i = 0; i < prefix; i++) {
      SlotCondition c = conditions[i];
      if (c != null && !c.test(message, pos[STRIDE * i], pos[STRIDE * i + 1])) {
        return false;
      }
    }
    return true;
  }

  /** Where field {@code f} (0-based) lives in the scratch array during {@link #matches}. */
  private int ringSlot(int f) {
    if (f < prefix) {
      return f;
    }
    return suffix == 0 ? slots : prefix + (f - prefix) % suffix;
  }

  /** The 0-based event field that slot {@code i} covers in an event of {@code n} fields. */
  private int fieldOf(int i, int n) {
    return i < prefix ? i : n - suffix + (i - prefix);
  }

  private boolean countFits(int n) {
    if (ellipsis) {
      return n >= prefix + suffix;
    }
    return absorbRest ? n >= slots : n == slots;
  }

  /**
   * Whether slot {@code i} takes the raw rest of the line: LAST_ABSORBS_REST, the last slot, and
   * more fields follow the one it starts at (which ends at {@code after}).
   */
  private boolean absorbs(String message, int i, int after) {
    if (!absorbRest || i != slots - 1) {
      return false;
    }
    int more = after;
    while (more < message.length() && FieldSplitter.isSeparator(message.charAt(more))) {
      more++;
    }
    return more < message.length();
  }

  /** The value of slot {@code i} whose field positions are at {@code pos[at]}. */
  private String value(String message, int[] pos, int at, int i, int after) {
    if (absorbs(message, i, after)) {
      return message.substring(pos[at + 2], FieldSplitter.contentEnd(message));
    }
    return message.substring(pos[at], pos[at + 1]);
  }

  @Override
  public @Nullable PatternMatch match(String message) {
    if (!mayMatch(message)) {
      return null;
    }
    int[] pos = new int[STRIDE * 16];
    boolean tabs = message.indexOf('\t') >= 0;
    int n = 0;
    int from = 0;
    int afterLast = 0;
    while (true) {
      if (STRIDE * (n + 1) > pos.length) {
        pos = Arrays.copyOf(pos, pos.length * 2);
      }
      int next = FieldSplitter.next(message, from, tabs, pos, STRIDE * n);
      if (next < 0) {
        break;
      }
      n++;
      from = next;
      if (absorbRest && n == slots) {
        break;
      }
      if (!ellipsis && !anyCount && !absorbRest && n > slots) {
        return null;
      }
    }
    afterLast = from;
    if (!anyCount && !countFits(n)) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> fields = new ArrayList<>();
    if (anyCount) {
      for (int f = 0; f < n; f++) {
        String value = message.substring(pos[STRIDE * f], pos[STRIDE * f + 1]);
        values.put(positional(f + 1), value);
        fields.add(value);
      }
      return new FieldsMatch(values, fields);
    }
    for (int i = 0; i < slots; i++) {
      SlotCondition c = conditions[i];
      if (c != null) {
        int at = STRIDE * fieldOf(i, n);
        boolean rest = absorbs(message, i, afterLast);
        int start = rest ? pos[at + 2] : pos[at];
        int end = rest ? FieldSplitter.contentEnd(message) : pos[at + 1];
        if (!c.test(message, start, end)) {
          return null;
        }
      }
    }
    int count = absorbRest ? slots : n;
    for (int f = 0; f < count; f++) {
      int slot = slotOf(f, n);
      String key = slot >= 0 && keys[slot] != null ? keys[slot] : positional(f + 1);
      String value =
          slot >= 0
              ? value(message, pos, STRIDE * f, slot, afterLast)
              : message.substring(pos[STRIDE * f], pos[STRIDE * f + 1]);
      values.put(key, value);
      fields.add(value);
    }
    return new FieldsMatch(values, fields);
  }

  /** The slot covering event field {@code f} (0-based) of {@code n}, or -1 inside '...'. */
  private int slotOf(int f, int n) {
    if (f < prefix) {
      return f;
    }
    if (f >= n - suffix) {
      return prefix + (f - (n - suffix));
    }
    return -1;
  }

  private static String positional(int oneBased) {
    return oneBased < POSITIONAL.length ? POSITIONAL[oneBased] : "$" + oneBased;
  }

  @Override
  public boolean canReference(String fieldRef) {
    if (fieldRef.length() < 2 || fieldRef.charAt(0) != '$') {
      return false;
    }
    int number = positionalNumber(fieldRef);
    if (number < 0) {
      for (String key : keys) {
        if (fieldRef.equals(key)) {
          return true;
        }
      }
      return false;
    }
    // $N is the N-th field of the event, named or not (PatternMatch.field resolves it)
    return anyCount || ellipsis || number <= slots;
  }

  /** N for {@code $N} (N >= 1, no leading zero), else -1. */
  static int positionalNumber(String fieldRef) {
    if (fieldRef.length() < 2 || fieldRef.length() > 8 || fieldRef.charAt(1) == '0') {
      return -1;
    }
    for (int i = 1; i < fieldRef.length(); i++) {
      if (!Chars.isDigit(fieldRef.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(fieldRef.substring(1));
  }
}
