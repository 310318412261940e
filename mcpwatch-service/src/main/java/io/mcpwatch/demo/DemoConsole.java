package io.mcpwatch.demo;

import io.mcpwatch.live.RunListener;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's live view: one line per transition with its reason, one per incident the simulator
 * starts, one per e-mail written. Bursts (the first evaluation takes many alarms from
 * INSUFFICIENT_DATA to OK at one boundary, each with its OK e-mail) are summed up in one line once
 * they have been quiet for a moment.
 */
final class DemoConsole implements RunListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
  private static final int BURST = 3;

  private final PrintWriter out;
  private final InstantSource clock;
  private final Path cwd = Path.of("").toAbsolutePath();
  private final List<AlarmTransition> toOk = new ArrayList<>();
  private final List<String[]> mailLines = new ArrayList<>();
  private long lastAddNanos;
  private final Thread flusher;
  final AtomicInteger transitions = new AtomicInteger();
  final AtomicInteger mails = new AtomicInteger();
  private volatile boolean running = true;
  /** Lines held back until the header is out. */
  private List<String> held = new ArrayList<>();

  DemoConsole(PrintWriter out, InstantSource clock) {
    this.out = out;
    this.clock = clock;
    this.flusher = new Thread(this::flushLoop, "mcpwatch-demo-console");
    this.flusher.setDaemon(true);
    this.flusher.start();
  }

  private void flushLoop() {
    while (running) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (System.nanoTime() - lastAddNanos > QUIET_NANOS) {
          flush();
        }
      }
    }
  }

  synchronized void announce(String what) {
    flush();
    line(clock.instant(), "simulator", what);
  }

  synchronized void note(String what) {
    flush();
    print(what);
  }

  /** Prints what was held back while the header was written; from now on lines go out at once. */
  synchronized void release() {
    List<String> h = held;
    held = null;
    if (h != null) {
      h.forEach(out::println);
    }
    flush();
  }

  /** Prints the header line even while other lines are held. */
  synchronized void header(String what) {
    out.println(what);
    out.flush();
  }

  private void print(String text) {
    if (held != null) {
      held.add(text);
    } else {
      out.println(text);
      out.flush();
    }
  }

  @Override
  public synchronized void transition(AlarmTransition t) {
    transitions.incrementAndGet();
    if (t.oldState() == AlarmState.INSUFFICIENT_DATA && t.newState() == AlarmState.OK) {
      if (!toOk.isEmpty() && !toOk.get(0).time().equals(t.time())) {
        flush();
      }
      toOk.add(t);
      lastAddNanos = System.nanoTime();
      return;
    }
    flush();
    line(t.time(), t.newState().name(), t.alarm().spec().alarmName()
        + (t.early() ? " (early)" : "") + ": " + t.reason());
  }

  @Override
  public synchronized void delivered(OutboxItem item, String where) {
    if (item.kind() != MessageKind.NOTIFICATION) {
      return;
    }
    mails.incrementAndGet();
    String shown = where.startsWith("written to ")
        ? "written to " + relative(Path.of(where.substring("written to ".length()))) : where;
    mailLines.add(new String[] {TIME.format(clock.instant()), item.subject() == null ? ""
        : item.subject(), shown});
    lastAddNanos = System.nanoTime();
  }

  @Override
  public synchronized void deliveryFailed(OutboxItem item, String error) {
    flush();
    line(clock.instant(), "e-mail", "delivery failed (will retry): " + error);
  }

  private void flush() {
    if (!toOk.isEmpty()) {
      AlarmTransition first = toOk.get(0);
      line(first.time(), "OK", toOk.size() == 1
          ? first.alarm().spec().alarmName() + ": " + first.reason()
          : toOk.size() + " alarms INSUFFICIENT_DATA -> OK, e.g. "
              + first.alarm().spec().alarmName() + ": " + first.reason());
      toOk.clear();
    }
    if (mailLines.size() >= BURST) {
      String[] last = mailLines.get(mailLines.size() - 1);
      String dir = last[2].startsWith("written to ")
          ? "written to " + Path.of(last[2].substring("written to ".length())).getParent() + "/"
          : last[2];
      print(String.format(Locale.ROOT, "%s  %-9s  %d e-mails (%s ...) %s", last[0], "e-mail",
          mailLines.size(), mailLines.get(0)[1], dir));
    } else {
      for (String[] m : mailLines) {
        print(String.format(Locale.ROOT, "%s  %-9s  \"%s\" %s", m[0], "e-mail", m[1], m[2]));
      }
    }
    mailLines.clear();
  }

  private void line(Instant t, String what, String text) {
    print(String.format(Locale.ROOT, "%s  %-9s  %s", TIME.format(t), what, text));
  }

  private String relative(Path p) {
    Path abs = p.toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  synchronized void close() {
    running = false;
    flusher.interrupt();
    release();
  }
}
