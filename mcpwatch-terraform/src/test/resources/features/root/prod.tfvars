env         = "Prod"
threshold   = 7
subscribers = ["oncall@example.com", "owners@example.com"]
