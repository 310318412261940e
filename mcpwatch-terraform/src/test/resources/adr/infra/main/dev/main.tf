# The dev environment: the shared topic and every MCP server (Terragrunt does this per MCP;
# a plain root shows the same wiring).
locals {
  environment = "dev"
  mcps        = ["sharepoint", "outlook", "databricks", "teams"]
}

variable "alarm_email_subscribers" {
  type    = list(string)
  default = ["owners@example.com"]
}

module "shared" {
  source                  = "../shared"
  environment             = local.environment
  alarm_email_subscribers = var.alarm_email_subscribers
}

module "mcp_server" {
  source        = "../../modules/mcp_server"
  for_each      = toset(local.mcps)
  appname       = each.key
  environment   = local.environment
  sns_topic_arn = module.shared.alarm_topic_arn
}
