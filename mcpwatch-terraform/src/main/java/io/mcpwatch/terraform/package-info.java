/**
 * Terraform and CloudFormation: {@code import terraform} reads {@code .tf} files into mcpwatch's
 * YAML configuration, remembering for every value the {@code .tf} expression it came from, so that
 * {@code validate} points at {@code pattern = "4??"} where it is written; {@code export} writes the
 * configuration back as Terraform (ADR-0003's layout) or CloudFormation (one stack per
 * environment).
 *
 * <p>Start at {@link io.mcpwatch.terraform.TerraformImport#load} (paths to an {@link
 * io.mcpwatch.terraform.ImportedConfig}: YAML text, the node tree the YAML reader builds from it,
 * and the source map), {@link io.mcpwatch.terraform.TerraformLint#map} (findings on the YAML to
 * findings at the {@code .tf} attributes) and {@link io.mcpwatch.terraform.TerraformExport#render}
 * / {@link io.mcpwatch.terraform.CloudFormationExport#render}. Modules are read by {@code
 * TfModule} and evaluated per instance by {@code TfInstance} (each twice: as written and with the
 * app and environment variables as {@code {app}} / {@code {env}}, which is how templates are
 * recognised); {@code AlarmCollector} turns the resource instances into alarm definitions, {@code
 * YamlEmitter} writes YAML and {@code HclWriter} HCL.
 */
@NullMarked
package io.mcpwatch.terraform;

import org.jspecify.annotations.NullMarked;
