variable "environment" {
  type = string
}

variable "alarm_email_subscribers" {
  description = "Who gets the alarm e-mails; set per environment in _envs/*.hcl"
  type        = list(string)
  default     = []
}

resource "aws_sns_topic" "alarms" {
  name = "aiconnectors-alarms-${var.environment}"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = length(var.alarm_email_subscribers)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email_subscribers[count.index]
}

output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}
