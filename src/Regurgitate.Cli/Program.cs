using Regurgitate.Cli;

return await CommandLine.RunAsync(args);
