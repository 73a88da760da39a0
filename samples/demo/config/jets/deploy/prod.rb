# Production runs inside the VPC and may read its secrets.
Jets.deploy.configure do
  config.lambda.function.vpc_config = {
    security_group_ids: security_group_ids("demo-#{Jets.env}"),
    subnet_ids: subnet_ids("private-a", "private-b")
  }

  config.lambda.iam.policy << {
    Action: ["ssm:GetParametersByPath"],
    Effect: "Allow",
    Resource: "arn:aws:ssm:#{Jets.aws.region}:#{Jets.aws.account}:parameter/demo/#{ssm_env}/*"
  }
end
