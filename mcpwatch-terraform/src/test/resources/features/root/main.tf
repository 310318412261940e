variable "env" {
  type    = string
  default = "dev"
}

variable "apps" {
  type    = list(string)
  default = ["alpha", "beta"]
}

variable "threshold" {
  type    = number
  default = 5
}

variable "subscribers" {
  type    = list(string)
  default = []
}

locals {
  namespace = upper("mcp") # MCP
  prefix    = format("%s-alarms", lower(var.env))
}

resource "aws_sns_topic" "alarms" {
  name = "${local.prefix}-topic"
}

resource "aws_sns_topic_subscription" "mail" {
  for_each  = toset(var.subscribers)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  count          = length(var.apps)
  name           = "errors-${count.index}"
  log_group_name = "/svc/${var.apps[count.index]}/${var.env}"
  pattern        = "{ $.level = \"ERROR\" }"

  metric_transformation {
    name      = "Errors"
    namespace = local.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  count               = length(var.apps)
  alarm_name          = format("%s-%s-errors", var.apps[count.index], var.env)
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.errors[count.index].metric_transformation[0].name
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  threshold           = var.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
