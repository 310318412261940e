package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.live.Subscriptions;
import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.Links;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.StorageException;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import io.mcpwatch.storage.state.ServiceRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mcpwatch subscriptions list|confirm|resend|remove}: shows and manages the SNS-style
 * subscriptions in the configuration's database. While the service runs it holds the database;
 * {@code confirm --token} and {@code remove} then go through its confirmation and unsubscribe
 * links, the others need it stopped.
 */
@Command(
    name = "subscriptions",
    mixinStandardHelpOptions = true,
    description = "Shows and manages the notification subscriptions.",
    subcommands = {
      SubscriptionsCommand.ListCommand.class,
      SubscriptionsCommand.ConfirmCommand.class,
      SubscriptionsCommand.ResendCommand.class,
      SubscriptionsCommand.RemoveCommand.class
    })
final class SubscriptionsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists every subscription with its status (works while the service runs).")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption c;

    @Override
    public Integer call() {
      LoadedConfig loaded = ConfigFiles.load(c.config);
      List<Subscription> subs;
      try (Database db = Database.openReadOnly(ServicePlan.database(loaded))) {
        subs = new JdbcSubscriptionStore(db).all();
      } catch (StorageException e) {
        throw new UserError(1, e.getMessage() + " (has mcpwatch run -c " + c.config + " run yet?)");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (subs.isEmpty()) {
        out.println("no subscriptions (mcpwatch run creates them from the configuration)");
      }
      for (Subscription s : subs) {
        out.printf(Locale.ROOT, "%-21s %-10s %-30s %s%n", s.status(), s.protocol().id(),
            shown(s), s.arn());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code --token} or {@code --arn}. */
  static final class Which {
    @Option(names = "--token", paramLabel = "TOKEN",
        description = "The token from the confirmation link (as if the recipient clicked it).")
    @Nullable String token;

    @Option(names = "--arn", paramLabel = "ARN",
        description = "Confirm for the recipient (administrators; works after the token expired).")
    @Nullable String arn;
  }

  @Command(name = "confirm", mixinStandardHelpOptions = true,
      description = "Confirms a pending subscription.")
  static final class ConfirmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption c;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Override
    public Integer call() {
      LoadedConfig loaded = ConfigFiles.load(c.config);
      PrintWriter out = spec.commandLine().getOut();
      try (Subscriptions subs = Subscriptions.open(loaded, InstantSource.system())) {
        if (which.token != null) {
          ConfirmResult r = subs.confirmToken(which.token);
          refuse(r);
          return report(out, r.outcome().name(), r.subscription());
        }
        Optional<Subscription> s = subs.confirmArn(which.arn);
        if (s.isEmpty()) {
          throw new UserError(1, "no subscription " + which.arn);
        }
        return report(out, "CONFIRMED", s.get());
      } catch (StorageException e) {
        if (which.token == null) {
          throw running(e, c.config);
        }
        return viaService(loaded, e, out);
      }
    }

    private int viaService(LoadedConfig loaded, StorageException e, PrintWriter out) {
      Subscription s;
      try (Database db = Database.openReadOnly(ServicePlan.database(loaded))) {
        s = new JdbcSubscriptionStore(db).byToken(which.token).orElse(null);
      } catch (StorageException e2) {
        throw new UserError(1, e.getMessage());
      }
      if (s == null) {
        throw new UserError(1, "no subscription has this token (it may have been replaced by a"
            + " newer confirmation request)");
      }
      String url = Links.of(serviceBaseUrl(loaded)).confirm(s.topicArn(), which.token, null);
      int status = get(url, e);
      if (status == 200) {
        return report(out, "CONFIRMED (through the running service)", s);
      }
      throw new UserError(1, "the running service answered " + status + " to the confirmation"
          + (status == 410 ? ": the token expired; use mcpwatch subscriptions resend" : ""));
    }
  }

  @Command(name = "resend", mixinStandardHelpOptions = true,
      description = "Issues a new token and queues a new confirmation request (sent by the"
          + " service); the service must be stopped.")
  static final class ResendCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption c;

    @Parameters(paramLabel = "ARN", description = "The subscription ARN (see list).")
    String arn;

    @Override
    public Integer call() {
      LoadedConfig loaded = ConfigFiles.load(c.config);
      try (Subscriptions subs = Subscriptions.open(loaded, InstantSource.system())) {
        Optional<Subscription> s = subs.resend(arn);
        if (s.isEmpty()) {
          throw new UserError(1, "no subscription " + arn);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(s.get().isConfirmed()
            ? "already confirmed: " + arn
            : "queued a new confirmation request to " + shown(s.get())
                + "; mcpwatch run sends it");
        out.flush();
        return 0;
      } catch (StorageException e) {
        throw running(e, c.config);
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Unsubscribes a confirmed subscription (it stays unsubscribed across reloads)"
          + " or deletes a pending one.")
  static final class RemoveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption c;

    @Parameters(paramLabel = "ARN", description = "The subscription ARN (see list).")
    String arn;

    @Override
    public Integer call() {
      LoadedConfig loaded = ConfigFiles.load(c.config);
      PrintWriter out = spec.commandLine().getOut();
      try (Subscriptions subs = Subscriptions.open(loaded, InstantSource.system())) {
        if (subs.byArn(arn).isEmpty()) {
          throw new UserError(1, "no subscription " + arn);
        }
        out.println(subs.remove(arn));
        out.flush();
        return 0;
      } catch (StorageException e) {
        String url = Links.of(serviceBaseUrl(loaded)).unsubscribe(arn, null);
        int status = get(url, e);
        if (status == 200) {
          out.println("unsubscribed " + arn + " (through the running service)");
          out.flush();
          return 0;
        }
        throw new UserError(1, "the running service answered " + status
            + (status == 400 ? ": a pending subscription can be removed only while the service"
                + " is stopped" : ""));
      }
    }
  }

  /** A token that did not confirm: a one-line error that says what to do. */
  static void refuse(ConfirmResult r) {
    if (r.outcome() == ConfirmResult.Outcome.UNKNOWN_TOKEN) {
      throw new UserError(1, "no pending subscription has this token (it may have been replaced"
          + " by a newer confirmation request, or the subscription was removed)");
    }
    if (r.outcome() == ConfirmResult.Outcome.EXPIRED) {
      throw new UserError(1, "the token expired; mcpwatch subscriptions resend "
          + (r.subscription() == null ? "ARN" : r.subscription().arn())
          + " queues a new confirmation request");
    }
  }

  static int report(PrintWriter out, String outcome, @Nullable Subscription s) {
    out.println(outcome + (s == null ? "" : ": " + s.protocol().id() + " " + shown(s) + " "
        + s.arn()));
    out.flush();
    return outcome.startsWith("CONFIRMED") || outcome.equals("ALREADY_CONFIRMED") ? 0 : 1;
  }

  /** The endpoint as it may be shown: URLs (webhook secrets) without path, query and user. */
  static String shown(Subscription s) {
    return new io.mcpwatch.notify.Subscriber(s.protocol(), s.endpoint()).redactedEndpoint();
  }

  static UserError running(StorageException e, Path config) {
    return new UserError(1, e.getMessage() + " (stop mcpwatch run -c " + config
        + " first; confirm --token and remove also work while it runs)");
  }

  /**
   * Where the running service listens: the address it recorded in its database when it bound its
   * port (also when {@code run --port} overrode the file), else the file's {@code http} settings.
   */
  static String serviceBaseUrl(LoadedConfig loaded) {
    try (Database db = Database.openReadOnly(ServicePlan.database(loaded))) {
      Optional<ServiceRun> run = ServiceRun.last(db);
      if (run.isPresent() && run.get().stoppedAt() == null && run.get().listenUrl() != null) {
        return run.get().listenUrl();
      }
    } catch (StorageException e) {
      // an older database without the record: the file's address
    }
    return Subscriptions.baseUrl(loaded);
  }

  /** GETs a link of the running service; its status code. */
  static int get(String url, StorageException why) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    } catch (IOException e) {
      throw new UserError(1, why.getMessage() + "; the service's links at " + url
          + " did not answer either (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(1, "interrupted");
    }
  }
}
