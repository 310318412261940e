# ADR-0003: metric filters and alarms for every MCP server.
locals {
  log_group_name = "/ecs/aiconnectors-${var.environment}-aiconnectors/${var.appname}-main-svc/${var.appname}"
  namespace      = "MCP/Security"
}

resource "aws_cloudwatch_log_metric_filter" "auth_failures" {
  name           = "${var.appname}-obo-auth-failures"
  log_group_name = local.log_group_name
  pattern        = "\"OBO token exchange failed\""

  metric_transformation {
    name       = "OBOAuthFailures"
    namespace  = local.namespace
    value      = "1"
    dimensions = { MCP = var.appname }
  }
}

resource "aws_cloudwatch_metric_alarm" "auth_failures" {
  alarm_name          = "${var.appname}-${var.environment}-auth-failures"
  alarm_description   = "OBO token exchanges are failing for ${var.appname}"
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.auth_failures.metric_transformation[0].name
  dimensions          = { MCP = var.appname }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.sns_topic_arn]
}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "${var.appname}-errors"
  log_group_name = local.log_group_name
  pattern        = "ERROR"

  metric_transformation {
    name       = "Errors"
    namespace  = local.namespace
    value      = "1"
    dimensions = { MCP = var.appname }
  }
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.appname}-${var.environment}-errors"
  alarm_description   = "ERROR-level log records from ${var.appname}"
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.errors.metric_transformation[0].name
  dimensions          = { MCP = var.appname }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 20
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.sns_topic_arn]
}

resource "aws_cloudwatch_log_metric_filter" "http_4xx" {
  name           = "${var.appname}-http-4xx"
  log_group_name = local.log_group_name
  pattern        = "4??"

  metric_transformation {
    name       = "HTTP4xx"
    namespace  = local.namespace
    value      = "1"
    dimensions = { MCP = var.appname }
  }
}

resource "aws_cloudwatch_metric_alarm" "http_4xx" {
  alarm_name          = "${var.appname}-${var.environment}-http-4xx"
  alarm_description   = "HTTP 4xx responses from ${var.appname}"
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.http_4xx.metric_transformation[0].name
  dimensions          = { MCP = var.appname }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 50
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.sns_topic_arn]
}

resource "aws_cloudwatch_log_metric_filter" "http_5xx" {
  name           = "${var.appname}-http-5xx"
  log_group_name = local.log_group_name
  pattern        = "5??"

  metric_transformation {
    name       = "HTTP5xx"
    namespace  = local.namespace
    value      = "1"
    dimensions = { MCP = var.appname }
  }
}

resource "aws_cloudwatch_metric_alarm" "http_5xx" {
  alarm_name          = "${var.appname}-${var.environment}-http-5xx"
  alarm_description   = "HTTP 5xx responses from ${var.appname}"
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.http_5xx.metric_transformation[0].name
  dimensions          = { MCP = var.appname }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.sns_topic_arn]
}
