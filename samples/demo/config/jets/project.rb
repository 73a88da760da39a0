Jets.project.configure do
  config.name = "demo"
  config.dotenv.ssm.envs.unique = %w[dev prod]
end
