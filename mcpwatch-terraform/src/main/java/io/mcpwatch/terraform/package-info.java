/**
 * Terraform and CloudFormation: {@code import terraform} reads {@code .tf} files into mcpwatch's
 * YAML configuration, remembering for every value the {@code .tf} line it came from, so that
 * {@code validate} points at {@code pattern = "4??"} where it is written; {@code export} writes
 * the configuration back as Terraform (the ADR-0003 layout) or CloudFormation.
 *
 * <p>Start at {@link io.mcpwatch.terraform.TerraformImport#load} (paths to an {@link
 * io.mcpwatch.terraform.ImportedConfig}: YAML text, node tree and source map) and {@link
 * io.mcpwatch.terraform.TerraformExport#write}. Modules are read by {@code TfModule} and
 * evaluated per instance by {@code TfInstance}; {@code AlarmCollector} turns the resource
 * instances into alarm definitions, {@code YamlEmitter} writes them.
 */
@NullMarked
package io.mcpwatch.terraform;

import org.jspecify.annotations.NullMarked;
