variable "appname" {
  description = "Name of the MCP server, e.g. sharepoint"
  type        = string
}

variable "environment" {
  description = "dev or prod"
  type        = string
}

variable "sns_topic_arn" {
  description = "The environment's alarm topic, from the shared dependency"
  type        = string
}
