package io.mcpwatch.config;

import static io.mcpwatch.config.ServiceConfig.bind;
import static io.mcpwatch.config.ServiceConfig.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ServiceSettings.SourceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesSectionTest {

  @Test
  void bind_noServiceKeys_givesTheDefaults() {
    BindResult r = bind("");

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().service()).isEqualTo(ServiceSettings.defaults());
  }

  @Test
  void sources_fileDockerStdin_boundWithDefaults() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', env: 'prod', type: 'file', path: '/var/log/teams/*.log' },",
            "    { app: 'sharepoint', env: 'dev', type: 'docker',",
            "      paths: [ '/var/lib/docker/containers/a*/*-json.log', '/d/b/*.log' ],"
                + " startAt: 'beginning' },",
            "    { app: 'sharepoint', env: 'prod', type: 'stdin', format: 'jsonl' },",
            "    { app: 'teams', type: 'file', path: 'logs/t.log', timestampFormat: 'python' },",
            "  ]");

    assertThat(r.errors()).isEmpty();
    List<SourceSettings> s = r.config().service().sources();
    assertThat(s).hasSize(4);
    assertThat(s.get(0))
        .isEqualTo(
            new SourceSettings(
                "prod",
                "teams",
                "file",
                List.of("/var/log/teams/*.log"),
                "end",
                "text",
                "none",
                "sources[0]",
                8,
                5));
    assertThat(s.get(1).format()).isEqualTo("docker");
    assertThat(s.get(1).startAt()).isEqualTo("beginning");
    assertThat(s.get(1).paths()).hasSize(2);
    assertThat(s.get(2).paths()).isEmpty();
    assertThat(s.get(2).format()).isEqualTo("jsonl");
    assertThat(s.get(3).env()).isNull();
    assertThat(s.get(3).timestampFormat()).isEqualTo("python");
  }

  @Test
  void sources_stripAnsi_isBoundPerSourceAndOffByDefault() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', type: 'file', path: '/a/*.log', stripAnsi: true },",
            "    { app: 'teams', type: 'docker', path: '/d/*.log', stripAnsi: false },",
            "    { app: 'teams', type: 'stdin' },",
            "    { app: 'teams', type: 'stdin', stripAnsi: 'yes please' },",
            "  ]");

    assertThat(messages(r)).singleElement().asString().startsWith("sources[3].stripAnsi: expected");
    BindResult ok =
        bind(
            "  sources: [",
            "    { app: 'teams', type: 'file', path: '/a/*.log', stripAnsi: true },",
            "    { app: 'teams', type: 'docker', path: '/d/*.log', stripAnsi: false },",
            "    { app: 'teams', type: 'stdin' },",
            "  ]");
    assertThat(ok.config().service().sources())
        .extracting(SourceSettings::stripAnsi)
        .containsExactly(true, false, false);
  }

  @Test
  void sources_appsAndEnvironments_mustBeDeclaredAndMatch() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'temas', type: 'stdin' },",
            "    { app: 'teams', env: 'dev', type: 'file', path: '/x/*.log' },",
            "    { app: 'teams', env: 'staging', type: 'file', path: '/y/*.log' },",
            "  ]");

    assertThat(messages(r))
        .containsExactly(
            "sources[0].app: unknown app temas (did you mean teams?)",
            "sources[1].env: app teams does not run in environment dev (see apps[1].environments)",
            "sources[2].env: unknown environment staging (declared: dev, prod)");
    assertThat(r.errors().get(0).line()).isEqualTo(8);
    assertThat(r.config().service().sources()).isEmpty();
  }

  @Test
  void sources_typeAndKeys_areChecked() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', type: 'files', path: '/x' },",
            "    { app: 'teams', path: '/x' },",
            "    { app: 'teams', type: 'file', paht: '/x' },",
            "    { app: 'teams', type: 'file', path: '/x', paths: [ '/y' ] },",
            "    { app: 'teams', type: 'file', paths: [] },",
            "    'teams',",
            "  ]");

    assertThat(messages(r))
        .containsExactly(
            "sources[0].type: expected one of file, docker, stdin; found \"files\" (did you mean"
                + " file?)",
            "sources[1].type: missing required key type",
            "sources[2]: missing required key path (a glob such as /var/log/teams/*.log) or paths"
                + " (a list)",
            "sources[2].paht: unknown key (did you mean path?)",
            "sources[3].paths: write either path (one glob) or paths (a list of globs), not both",
            "sources[4].paths: list at least one glob",
            "sources[5]: expected a map, found \"teams\"");
  }

  @Test
  void sources_stdin_hasNoPathAndAtMostOneSource() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', env: 'prod', type: 'stdin' },",
            "    { app: 'sharepoint', type: 'stdin', path: '/x', startAt: 'end' },",
            "    { app: 'sharepoint', type: 'stdin' },",
            "  ]");

    assertThat(messages(r))
        .containsExactly(
            "sources[1].path: a stdin source reads standard input and has no path",
            "sources[1].startAt: startAt applies to file and docker sources; stdin is read as it"
                + " comes",
            "sources[2]: only one stdin source is allowed (the first is at 8:5)");
    assertThat(r.config().service().sources()).hasSize(1);
  }

  @Test
  void sources_formats_matchTheType() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', type: 'docker', path: '/d/*.log', format: 'text' },",
            "    { app: 'teams', type: 'file', path: '/f/*.log', format: 'jsonl',"
                + " timestampFormat: 'iso' },",
            "    { app: 'teams', type: 'file', path: '/g/*.log', format: 'json' },",
            "  ]");

    assertThat(messages(r))
        .containsExactly(
            "sources[0].format: a docker source reads Docker's json-file logs, so its format is"
                + " docker (leave format out)",
            "sources[1].timestampFormat: timestampFormat applies to format text only; jsonl events"
                + " carry their own time",
            "sources[2].format: expected one of text, jsonl, docker; found \"json\" (did you mean"
                + " jsonl?)");
  }

  @Test
  void sources_timestampFormat_namesAndPatterns() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', type: 'file', path: '/a', timestampFormat: 'ISO' },",
            "    { app: 'teams', type: 'file', path: '/b', timestampFormat: 'yyyy-MM-dd"
                + " HH:mm:ss,SSS' },",
            "    { app: 'teams', type: 'file', path: '/c', timestampFormat: 'HH:mm:ss' },",
            "    { app: 'teams', type: 'file', path: '/d', timestampFormat: 'epoch-sm' },",
            "    { app: 'teams', type: 'file', path: '/e', timestampFormat: 'dd/MMM/yyyy:HH:mm:ss"
                + " Z' },",
            "  ]");

    assertThat(messages(r))
        .containsExactly(
            "sources[2].timestampFormat: the pattern must give a date (with the year) and a time"
                + " of day, e.g. yyyy-MM-dd HH:mm:ss,SSS",
            "sources[3].timestampFormat: expected iso, python, epoch-ms, epoch-s, none or a"
                + " java.time DateTimeFormatter pattern (Unknown pattern letter: o) (did you mean"
                + " epoch-ms?)");
    assertThat(r.config().service().sources())
        .extracting(SourceSettings::timestampFormat)
        .containsExactly("iso", "yyyy-MM-dd HH:mm:ss,SSS", "dd/MMM/yyyy:HH:mm:ss Z");
  }

  @Test
  void apps_logsShorthand_isAFileSourceOfTheApp() {
    String text =
        ServiceConfig.text("")
            .replace(
                "{ name: 'teams', environments: [ 'prod' ] }",
                "{ name: 'teams', environments: [ 'prod' ], logs: [ '/var/log/teams/*.log' ] },"
                    + " { name: 'outlook', logs: '/var/log/outlook.log' }");

    BindResult r = Trees.bind(text);

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().service().sources())
        .extracting(
            s -> s.app() + " " + s.env() + " " + s.type() + " " + s.paths() + " " + s.path())
        .containsExactly(
            "teams null file [/var/log/teams/*.log] apps[1].logs",
            "outlook null file [/var/log/outlook.log] apps[2].logs");
    assertThat(r.config().apps()).extracting(App::name).contains("outlook");
  }

  @Test
  void sources_sameGlobTwice_isAnError() {
    BindResult r =
        bind(
            "  sources: [",
            "    { app: 'teams', env: 'prod', type: 'file', path: '/var/log/t.log' },",
            "    { app: 'sharepoint', env: 'dev', type: 'file', path: '/var/log/t.log' },",
            "  ]");

    assertThat(ServiceConfig.errors(r))
        .containsExactly(
            "9:5 sources[1]: the glob /var/log/t.log is also read by sources[0]; its lines would"
                + " count twice");
  }

  @Test
  void sources_null_isNoSources() {
    BindResult r = bind("  sources: null,");

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().service().sources()).isEmpty();
  }
}
