package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportTerraformTest {

  @Test
  void load_adrModuleAlone() throws Exception {
    ImportedConfig c =
        TerraformImport.load(
            List.of(Fixtures.path("adr/infra/modules/mcp_server").toString()), List.of(), List.of());
    System.out.println(c.yaml());
    BindResult r = ConfigBinder.bind(c.root());
    System.out.println(r.errors());
  }

  @Test
  void load_adrRoot() throws Exception {
    ImportedConfig c =
        TerraformImport.load(
            List.of(Fixtures.path("adr/infra/main/dev").toString()), List.of(), List.of());
    System.out.println(c.yaml());
    BindResult r = ConfigBinder.bind(c.root());
    System.out.println(r.errors());
  }
}
