package io.mcpwatch.aws.logs;

import io.mcpwatch.config.LogGroupNames;
import io.mcpwatch.aws.wire.Access;
import io.mcpwatch.aws.wire.AwsError;
import io.mcpwatch.aws.wire.Input;
import io.mcpwatch.aws.wire.Operation;
import io.mcpwatch.aws.wire.Paging;
import io.mcpwatch.aws.wire.Text;
import io.mcpwatch.aws.wire.Trees;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.TestMetricFilter;
import io.mcpwatch.pattern.TestMetricFilterResult;
import io.mcpwatch.server.ingest.Admission;
import io.mcpwatch.server.ingest.EventSink;
import io.mcpwatch.server.ingest.IngestLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudWatch Logs, one method per operation (see {@link #operations()}). Log groups are the {@link
 * LogGroupDirectory}'s; streams, creation times and retention policies are kept in memory (mcpwatch
 * keeps no raw log events, so retention is recorded and shown, and nothing expires). Accepted events
 * go to the {@link EventSink}, the same one HTTP ingest uses. Thread-safe.
 */
public final class LogsService {
  private static final Logger log = LoggerFactory.getLogger(LogsService.class);
  private static final long DAY_MILLIS = 86_400_000L;
  static final List<Integer> RETENTION_DAYS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  private final LogsSettings settings;
  private final LogGroupDirectory directory;
  private final MetricFilterCatalog filters;
  private final EventSink sink;
  private final InstantSource clock;
  private final RetryLedger ledger;
  private final long startMillis;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final Map<String, Group> created = new TreeMap<>();
  private final Map<String, Group> known = new TreeMap<>();

  /** A group's API-visible state. Guarded by the service. */
  private static final class Group {
    final long creationTime;
    @Nullable Integer retentionInDays;
    final Map<String, Stream> streams = new TreeMap<>();

    Group(long creationTime) {
      this.creationTime = creationTime;
    }
  }

  private static final class Stream {
    final String name;
    final long creationTime;
    @Nullable Long firstEvent;
    @Nullable Long lastEvent;
    @Nullable Long lastIngestion;

    Stream(String name, long creationTime) {
      this.name = name;
      this.creationTime = creationTime;
    }
  }

  public LogsService(
      LogsSettings settings,
      LogGroupDirectory directory,
      MetricFilterCatalog filters,
      EventSink sink,
      InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.filters = Objects.requireNonNull(filters, "filters");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ledger = new RetryLedger(settings.retryWindow(), settings.retryEntries());
    this.startMillis = clock.millis();
  }

  /** Every operation this service answers. */
  public List<Operation> operations() {
    return List.of(
        new Operation("CreateLogGroup", Access.INGEST, this::createLogGroup),
        new Operation("CreateLogStream", Access.INGEST, this::createLogStream),
        new Operation("DescribeLogGroups", Access.INGEST, this::describeLogGroups),
        new Operation("DescribeLogStreams", Access.INGEST, this::describeLogStreams),
        new Operation("PutLogEvents", Access.INGEST, this::putLogEvents),
        new Operation("PutRetentionPolicy", Access.INGEST, this::putRetentionPolicy),
        new Operation("DeleteRetentionPolicy", Access.ADMIN, this::deleteRetentionPolicy),
        new Operation("DescribeMetricFilters", Access.READ, this::describeMetricFilters),
        new Operation("TestMetricFilter", Access.READ, this::testMetricFilter));
  }

  /**
   * Recognises a batch taken before this service started ({@code digest} as {@link #digest}
   * computes it, committed with its events): a retry of it within the retry window counts nothing
   * again. Called at start-up with what the last run committed.
   */
  public void rememberTaken(String digest, long takenAtMillis) {
    ledger.taken(digest, takenAtMillis);
  }

  /** Batches recognised as retries and not counted again (for {@code /healthz}). */
  public long duplicateBatches() {
    return duplicates.get();
  }

  // ---- groups and streams ------------------------------------------------------------------

  /** The group, creating the state of a configured one on first use; null when unknown. */
  private @Nullable Group group(String name) {
    Group g = known.get(name);
    if (g == null && directory.configured().contains(name)) {
      g = new Group(startMillis);
      known.put(name, g);
    }
    if (g == null) {
      g = created.get(name);
    }
    return g;
  }

  private static AwsError groupNotFound() {
    return AwsError.badRequest(
        "ResourceNotFoundException", "The specified log group does not exist.");
  }

  private static String groupName(Input in, String member) throws AwsError {
    String name = in.optString(member, 1, 512);
    if (name == null) {
      throw in.missing(member);
    }
    if (LogGroupNames.firstDisallowed(name) >= 0) {
      throw in.invalid(member, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
    return name;
  }

  /** {@code logGroupName}, or the name inside {@code logGroupIdentifier} (a name or an ARN). */
  private String groupOf(Input in) throws AwsError {
    if (in.has("logGroupName") && in.has("logGroupIdentifier")) {
      throw in.error("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (in.has("logGroupIdentifier")) {
      String id = Objects.requireNonNull(in.optString("logGroupIdentifier", 1, 2048));
      return nameFromIdentifier(id);
    }
    return groupName(in, "logGroupName");
  }

  private static String nameFromIdentifier(String id) {
    if (!id.startsWith("arn:")) {
      return id;
    }
    int at = id.indexOf(":log-group:");
    if (at < 0) {
      return id;
    }
    String rest = id.substring(at + ":log-group:".length());
    return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
  }

  private static String streamName(Input in) throws AwsError {
    String s = in.optString("logStreamName", 1, 512);
    if (s == null) {
      throw in.missing("logStreamName");
    }
    if (s.indexOf(':') >= 0 || s.indexOf('*') >= 0) {
      throw in.invalid("logStreamName", "Member must satisfy regular expression pattern: [^:*]*");
    }
    return s;
  }

  private String arn(String group) {
    return "arn:aws:logs:" + settings.region() + ":" + settings.accountId() + ":log-group:" + group;
  }

  ObjectNode createLogGroup(Input in) throws AwsError {
    String name = groupName(in, "logGroupName");
    synchronized (this) {
      if (group(name) != null) {
        throw AwsError.badRequest(
            "ResourceAlreadyExistsException", "The specified log group already exists");
      }
      if (!directory.creatable(name)) {
        throw AwsError.badRequest(
            "AccessDeniedException",
            "log group "
                + name
                + " is not configured in mcpwatch, and API-created log groups are allowed only for"
                + " names an app's log-group template maps; add it to the configuration");
      }
      created.put(name, new Group(clock.millis()));
      log.info("log group {} created through the API", name);
    }
    return Trees.object();
  }

  ObjectNode createLogStream(Input in) throws AwsError {
    String group = groupName(in, "logGroupName");
    String stream = streamName(in);
    synchronized (this) {
      Group g = group(group);
      if (g == null) {
        throw groupNotFound();
      }
      if (g.streams.containsKey(stream)) {
        throw AwsError.badRequest(
            "ResourceAlreadyExistsException", "The specified log stream already exists");
      }
      g.streams.put(stream, new Stream(stream, clock.millis()));
    }
    return Trees.object();
  }

  ObjectNode describeLogGroups(Input in) throws AwsError {
    String prefix = in.optString("logGroupNamePrefix", 1, 512);
    String pattern = in.optString("logGroupNamePattern", 0, 512);
    List<String> ids = in.strings("logGroupIdentifiers");
    if (prefix != null && pattern != null) {
      throw in.error(
          "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    if (!ids.isEmpty() && (prefix != null || pattern != null)) {
      throw in.error(
          "logGroupIdentifiers is mutually exclusive with logGroupNamePrefix and logGroupNamePattern.");
    }
    int limit = in.optInt("limit", 1, 50, 50);
    Set<String> wanted = new java.util.HashSet<>();
    for (String id : ids) {
      wanted.add(nameFromIdentifier(id));
    }
    String needle = pattern == null ? null : pattern.toLowerCase(Locale.ROOT);
    List<ObjectNode> rows = new ArrayList<>();
    Map<String, Long> filterCounts = filterCounts();
    synchronized (this) {
      TreeMap<String, Group> all = new TreeMap<>();
      for (String name : directory.configured()) {
        all.put(name, Objects.requireNonNull(group(name)));
      }
      all.putAll(created);
      for (Map.Entry<String, Group> e : all.entrySet()) {
        String name = e.getKey();
        if (prefix != null && !name.startsWith(prefix)) {
          continue;
        }
        if (needle != null && !name.toLowerCase(Locale.ROOT).contains(needle)) {
          continue;
        }
        if (!wanted.isEmpty() && !wanted.contains(name)) {
          continue;
        }
        Group g = e.getValue();
        ObjectNode o = Trees.object();
        o.put("logGroupName", name);
        o.put("creationTime", g.creationTime);
        if (g.retentionInDays != null) {
          o.put("retentionInDays", g.retentionInDays.intValue());
        }
        o.put("metricFilterCount", filterCounts.getOrDefault(name, 0L).intValue());
        o.put("arn", arn(name) + ":*");
        o.put("storedBytes", 0);
        o.put("logGroupClass", "STANDARD");
        o.put("logGroupArn", arn(name));
        rows.add(o);
      }
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("nextToken"), limit, badToken(in));
    ObjectNode out = Trees.object();
    out.putArray("logGroups").addAll(page.page());
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private static AwsError badToken(Input in) {
    return in.error("The specified nextToken is invalid.");
  }

  private Map<String, Long> filterCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (MetricFilterCatalog.Filter f : filters.metricFilters()) {
      counts.merge(f.logGroupName(), 1L, Long::sum);
    }
    return counts;
  }

  ObjectNode describeLogStreams(Input in) throws AwsError {
    String group = groupOf(in);
    String prefix = in.optString("logStreamNamePrefix", 1, 512);
    String orderBy = in.optString("orderBy");
    if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
      throw in.invalid(
          "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
    }
    boolean byTime = "LastEventTime".equals(orderBy);
    if (byTime && prefix != null) {
      throw in.error(
          "Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    boolean descending = in.optBoolean("descending", false);
    int limit = in.optInt("limit", 1, 50, 50);
    List<ObjectNode> rows = new ArrayList<>();
    synchronized (this) {
      Group g = group(group);
      if (g == null) {
        throw groupNotFound();
      }
      List<Stream> streams = new ArrayList<>(g.streams.values());
      Comparator<Stream> order =
          byTime
              ? Comparator.<Stream>comparingLong(
                      s -> s.lastEvent == null ? Long.MIN_VALUE : s.lastEvent)
                  .thenComparing(s -> s.name)
              : Comparator.comparing(s -> s.name);
      streams.sort(descending ? order.reversed() : order);
      for (Stream s : streams) {
        if (prefix != null && !s.name.startsWith(prefix)) {
          continue;
        }
        ObjectNode o = Trees.object();
        o.put("logStreamName", s.name);
        o.put("creationTime", s.creationTime);
        if (s.firstEvent != null) {
          o.put("firstEventTimestamp", s.firstEvent.longValue());
        }
        if (s.lastEvent != null) {
          o.put("lastEventTimestamp", s.lastEvent.longValue());
        }
        if (s.lastIngestion != null) {
          o.put("lastIngestionTime", s.lastIngestion.longValue());
        }
        o.put("arn", arn(group) + ":log-stream:" + s.name);
        o.put("storedBytes", 0);
        rows.add(o);
      }
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("nextToken"), limit, badToken(in));
    ObjectNode out = Trees.object();
    out.putArray("logStreams").addAll(page.page());
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  ObjectNode putRetentionPolicy(Input in) throws AwsError {
    String group = groupName(in, "logGroupName");
    Long days = in.optLong("retentionInDays");
    if (days == null) {
      throw in.missing("retentionInDays");
    }
    if (!RETENTION_DAYS.contains((int) (long) days) || days > Integer.MAX_VALUE) {
      throw in.invalid(
          "retentionInDays", "Member must satisfy enum value set: " + RETENTION_DAYS);
    }
    synchronized (this) {
      Group g = group(group);
      if (g == null) {
        throw groupNotFound();
      }
      g.retentionInDays = (int) (long) days;
    }
    return Trees.object();
  }

  ObjectNode deleteRetentionPolicy(Input in) throws AwsError {
    String group = groupName(in, "logGroupName");
    synchronized (this) {
      Group g = group(group);
      if (g == null) {
        throw groupNotFound();
      }
      g.retentionInDays = null;
    }
    return Trees.object();
  }

  // ---- PutLogEvents -------------------------------------------------------------------------

  private record Event(long timestamp, String message) {}

  ObjectNode putLogEvents(Input in) throws AwsError {
    String group = groupName(in, "logGroupName");
    String stream = streamName(in);
    IngestLimits limits = settings.limits();
    List<Input> items = in.list("logEvents");
    if (!in.has("logEvents")) {
      throw in.missing("logEvents");
    }
    if (items.isEmpty()) {
      throw in.invalid("logEvents", "Member must have length greater than or equal to 1");
    }
    if (items.size() > limits.maxEvents()) {
      throw AwsError.badRequest(
          "InvalidParameterException",
          "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member"
              + " must have length less than or equal to "
              + limits.maxEvents());
    }
    List<Event> events = new ArrayList<>(items.size());
    long batchBytes = 0;
    for (int i = 0; i < items.size(); i++) {
      Input e = items.get(i);
      Long ts = e.optLong("timestamp");
      if (ts == null) {
        throw e.missing("timestamp");
      }
      String message = e.optString("message", 1, Integer.MAX_VALUE);
      if (message == null) {
        throw e.missing("message");
      }
      long size = utf8Length(message) + (long) IngestLimits.EVENT_OVERHEAD_BYTES;
      if (size > limits.maxEventBytes()) {
        throw AwsError.badRequest(
            "InvalidParameterException",
            "Log event too large: event "
                + i
                + " is "
                + size
                + " bytes (message UTF-8 bytes + 26), over the limit of "
                + limits.maxEventBytes());
      }
      batchBytes += size;
      if (i > 0 && ts < events.get(i - 1).timestamp()) {
        throw AwsError.badRequest(
            "InvalidParameterException",
            "Log events in a single PutLogEvents request must be in chronological order.");
      }
      events.add(new Event(ts, message));
    }
    if (batchBytes > limits.maxBatchBytes()) {
      throw AwsError.badRequest(
          "InvalidParameterException",
          "Upload too large: " + batchBytes + " bytes exceeds limit of " + limits.maxBatchBytes());
    }
    if (events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > DAY_MILLIS) {
      throw AwsError.badRequest(
          "InvalidParameterException",
          "The batch of log events in a single PutLogEvents request cannot span more than 24"
              + " hours.");
    }
    long now = clock.millis();
    long oldest = now - limits.maxEventAge().toMillis();
    long newest = now + limits.maxEventFuture().toMillis();
    Integer retention;
    synchronized (this) {
      Group g = group(group);
      if (g == null) {
        throw groupNotFound();
      }
      // a stream mcpwatch does not know (e.g. created before a restart) is created here: losing
      // a shipper's events over forgotten bookkeeping would be worse than AWS's 400
      g.streams.computeIfAbsent(stream, s -> new Stream(s, now));
      retention = g.retentionInDays;
    }
    long expired = retention == null ? Long.MIN_VALUE : now - retention * DAY_MILLIS;
    int tooOldEnd = 0;
    int expiredEnd = 0;
    int tooNewStart = events.size();
    for (int i = 0; i < events.size(); i++) {
      long ts = events.get(i).timestamp();
      if (ts < expired) {
        expiredEnd = i + 1;
      }
      if (ts < oldest) {
        tooOldEnd = i + 1;
      }
      if (ts > newest && tooNewStart == events.size()) {
        tooNewStart = i;
      }
    }
    int from = Math.max(tooOldEnd, expiredEnd);
    List<LogEvent> accepted = new ArrayList<>();
    for (int i = from; i < tooNewStart; i++) {
      Event e = events.get(i);
      accepted.add(new LogEvent(group, e.timestamp(), e.message()));
    }
    if (!accepted.isEmpty()) {
      take(group, stream, events, accepted, now);
    }
    ObjectNode out = Trees.object();
    out.put("nextSequenceToken", String.format(Locale.ROOT, "%056d", sequence.incrementAndGet()));
    if (tooOldEnd > 0 || expiredEnd > 0 || tooNewStart < events.size()) {
      ObjectNode info = out.putObject("rejectedLogEventsInfo");
      if (tooNewStart < events.size()) {
        info.put("tooNewLogEventStartIndex", tooNewStart);
      }
      if (tooOldEnd > 0) {
        info.put("tooOldLogEventEndIndex", tooOldEnd);
      }
      if (expiredEnd > 0) {
        info.put("expiredLogEventEndIndex", expiredEnd);
      }
    }
    return out;
  }

  private void take(String group, String stream, List<Event> events, List<LogEvent> accepted, long now)
      throws AwsError {
    String digest = digest(group, stream, events);
    RetryLedger.Claim claim = ledger.claim(digest, now);
    if (claim == RetryLedger.Claim.DUPLICATE) {
      duplicates.incrementAndGet();
      log.debug("PutLogEvents: a retried batch for {} / {} was not counted again", group, stream);
      return;
    }
    if (claim == RetryLedger.Claim.IN_FLIGHT) {
      throw AwsError.badRequest("ThrottlingException", "Rate exceeded");
    }
    Admission admission;
    try {
      admission = sink.offer(List.copyOf(accepted), digest); // committed with the events
    } catch (RuntimeException e) {
      ledger.release(digest);
      log.error("PutLogEvents: the event sink failed; {} events not taken", accepted.size(), e);
      throw new AwsError(503, "ServiceUnavailableException", "The service cannot take events now; retry.");
    }
    if (admission instanceof Admission.Busy) {
      ledger.release(digest);
      throw new AwsError(
          503,
          "ServiceUnavailableException",
          "The ingest queue is full; retry after "
              + ((Admission.Busy) admission).retryAfterSeconds()
              + " s.");
    }
    ledger.taken(digest, now);
    if (admission instanceof Admission.NotCommitted) {
      // Taken by the engine but not (yet) committed: never a 200. The digest stays taken, so a
      // retry while this process lives counts nothing again; after a crash the ledger holds only
      // the committed digests ({@link #rememberTaken}), so the retry is counted, as the events it
      // lost were never committed.
      Admission.NotCommitted n = (Admission.NotCommitted) admission;
      throw new AwsError(
          503,
          "ServiceUnavailableException",
          "The events were not committed (" + n.reason() + "); retry after "
              + Math.max(1, n.retryAfter().toSeconds()) + " s.");
    }
    synchronized (this) {
      Group g = group(group);
      Stream s = g == null ? null : g.streams.get(stream);
      if (s != null) {
        long first = accepted.get(0).timestampMillis();
        long last = accepted.get(accepted.size() - 1).timestampMillis();
        s.firstEvent = s.firstEvent == null ? first : Math.min(s.firstEvent, first);
        s.lastEvent = s.lastEvent == null ? last : Math.max(s.lastEvent, last);
        s.lastIngestion = now;
      }
    }
  }

  static String digest(String group, String stream, List<Event> events) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
    md.update(group.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(stream.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    byte[] eight = new byte[8];
    for (Event e : events) {
      long ts = e.timestamp();
      for (int i = 0; i < 8; i++) {
        eight[i] = (byte) (ts >>> (56 - 8 * i));
      }
      md.update(eight);
      byte[] m = e.message().getBytes(StandardCharsets.UTF_8);
      int n = m.length;
      md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
      md.update(m);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  // ---- metric filters -----------------------------------------------------------------------

  ObjectNode describeMetricFilters(Input in) throws AwsError {
    String group = in.has("logGroupName") ? groupName(in, "logGroupName") : null;
    String prefix = in.optString("filterNamePrefix", 1, 512);
    String metricName = in.optString("metricName", 0, 255);
    String namespace = in.optString("metricNamespace", 0, 255);
    if ((metricName == null) != (namespace == null)) {
      throw in.error("metricName and metricNamespace must be specified together.");
    }
    if (prefix != null && group == null) {
      throw in.error("filterNamePrefix requires logGroupName.");
    }
    int limit = in.optInt("limit", 1, 50, 50);
    List<MetricFilterCatalog.Filter> all = new ArrayList<>(filters.metricFilters());
    all.sort(
        Comparator.comparing(MetricFilterCatalog.Filter::logGroupName)
            .thenComparing(MetricFilterCatalog.Filter::filterName));
    List<ObjectNode> rows = new ArrayList<>();
    for (MetricFilterCatalog.Filter f : all) {
      MetricTransformation t = f.transformation();
      if (group != null && !group.equals(f.logGroupName())) {
        continue;
      }
      if (prefix != null && !f.filterName().startsWith(prefix)) {
        continue;
      }
      if (metricName != null
          && !(metricName.equals(t.metricName()) && namespace.equals(t.metricNamespace()))) {
        continue;
      }
      ObjectNode o = Trees.object();
      o.put("filterName", f.filterName());
      o.put("filterPattern", f.filterPattern());
      ArrayNode ts = o.putArray("metricTransformations");
      ObjectNode mt = ts.addObject();
      mt.put("metricName", t.metricName());
      mt.put("metricNamespace", t.metricNamespace());
      mt.put("metricValue", t.metricValue());
      if (t.defaultValue() != null) {
        mt.put("defaultValue", t.defaultValue().doubleValue());
      }
      if (!t.dimensions().isEmpty()) {
        ObjectNode dims = mt.putObject("dimensions");
        new TreeMap<>(t.dimensions()).forEach(dims::put);
      }
      if (t.unit() != null) {
        mt.put("unit", t.unit());
      }
      o.put("creationTime", f.creationTimeMillis());
      o.put("logGroupName", f.logGroupName());
      o.put("applyOnTransformedLogs", false);
      rows.add(o);
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("nextToken"), limit, badToken(in));
    ObjectNode out = Trees.object();
    out.putArray("metricFilters").addAll(page.page());
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  /** The same core call as {@code mcpwatch test-pattern}. */
  ObjectNode testMetricFilter(Input in) throws AwsError {
    String text = in.optString("filterPattern", 0, 1024);
    if (text == null) {
      throw in.missing("filterPattern");
    }
    List<String> messages = in.strings("logEventMessages");
    try {
      TestMetricFilter.checkAwsLimits(messages);
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
    FilterPattern pattern;
    try {
      pattern = FilterPattern.compile(text, settings.patternOptions());
    } catch (FilterPatternException e) {
      throw in.error(e.awsMessage());
    }
    TestMetricFilterResult result = TestMetricFilter.run(pattern, messages);
    ObjectNode out = Trees.object();
    ArrayNode matches = out.putArray("matches");
    for (TestMetricFilterResult.MatchedEvent m : result.matches()) {
      ObjectNode o = matches.addObject();
      o.put("eventNumber", m.eventNumber());
      o.put("eventMessage", m.eventMessage());
      ObjectNode ev = o.putObject("extractedValues");
      m.extractedValues().forEach(ev::put);
    }
    return out;
  }

  @Override
  public String toString() {
    return "LogsService[" + Text.excerpt(settings.region(), 20) + "]";
  }
}
