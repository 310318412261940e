package io.mcpwatch.notify.mailbox;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import io.mcpwatch.notify.email.MimeMessages;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Writes each {@code email}/{@code email-json} item as an RFC 822 file, {@code
 * <directory>/<recipient>/<created yyyyMMdd'T'HHmmss'Z'>-<item id>.eml}, exactly the message the
 * SMTP transport would send. The file name depends only on the item, and the file is written to a
 * temporary name and then renamed, so a repeated delivery (after a crash) replaces the same file:
 * exactly one file per item even then. Thread-safe.
 */
public final class MailboxNotifier implements Notifier {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path directory;
  private final String fromAddress;
  private final InstantSource clock;
  private final Session session = Session.getInstance(new Properties());

  /**
   * @param directory the mailbox root; created when missing
   * @param fromAddress the From address written into the messages
   * @param clock the Date header's source
   */
  public MailboxNotifier(Path directory, String fromAddress, InstantSource clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.fromAddress = Objects.requireNonNull(fromAddress, "fromAddress");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Where the item's file goes. */
  public Path fileFor(OutboxItem item) {
    return directory.resolve(safe(item.endpoint()))
        .resolve(STAMP.format(item.createdAt()) + "-" + safe(item.id()) + ".eml");
  }

  @Override
  public void send(OutboxItem item) throws DeliveryException {
    if (!item.protocol().isEmail()) {
      throw new PermanentDeliveryException(
          "the mailbox transport cannot deliver protocol " + item.protocol().id());
    }
    MimeMessage message = MimeMessages.compose(session, item, fromAddress, clock.instant());
    Path target = fileFor(item);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          message.writeTo(out);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | MessagingException e) {
      throw new TemporaryDeliveryException("cannot write " + target + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** A file-name-safe rendering: everything but {@code A-Za-z0-9@._-} becomes {@code _}. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '@' || c == '.' || c == '_' || c == '-';
      b.append(ok ? c : '_');
    }
    String out = b.toString();
    return out.isEmpty() || out.startsWith(".") ? "_" + out : out;
  }
}
