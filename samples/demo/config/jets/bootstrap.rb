# The CodeBuild remote runner that deploys the app.
Jets.bootstrap.configure do
  # The runner also builds images that pull from a private bucket and reads one secret.
  config.codebuild.iam.policy = [
    "s3",
    {
      Action: ["secretsmanager:GetSecretValue"],
      Effect: "Allow",
      Resource: "arn:aws:secretsmanager:#{Jets.aws.region}:#{Jets.aws.account}:secret:demo/*"
    }
  ]
  config.codebuild.iam.managed_policy = ["AmazonS3ReadOnlyAccess"]

  # No VPC for the runner: drop the ec2 permissions Jets adds by default.
  config.codebuild.iam.default_vpc_policy = []

  config.codebuild.project.compute_type = {
    ComputeType: "BUILD_GENERAL1_MEDIUM",
    Image: "aws/codebuild/amazonlinux2-aarch64-standard:3.0",
    Type: "ARM_CONTAINER"
  }
end
