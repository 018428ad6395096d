// The `cais` executable: the client and the runtime; caisd serves the engine roles.
return Cais.Cli.CaisMain.Run(args, new Cais.Cli.EngineHandoff(args), Cais.Cli.Daemon.DaemonVerbs.Find);
