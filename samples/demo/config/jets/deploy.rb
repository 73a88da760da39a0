# The app: its Lambda functions, jobs and CI.
TABLES = %w[orders customers]

Jets.deploy.configure do
  config.lambda.function.timeout = 60
  config.lambda.function.memory_size = 2048

  # The app reads and writes its own tables and sends mail.
  config.lambda.iam.policy = TABLES.map do |table|
    {
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
      Effect: "Allow",
      Resource: "arn:aws:dynamodb:#{Jets.aws.region}:#{Jets.aws.account}:table/#{Jets.project.namespace}-#{table}"
    }
  end
  config.lambda.iam.policy << "ses"
  config.lambda.iam.managed_policy = ["AWSXRayDaemonWriteAccess"]

  # ActiveJob on SQS.
  config.job.enable = true

  # CI runs on CodeBuild too.
  config.ci.iam.policy = ["sts:AssumeRole"]
end
