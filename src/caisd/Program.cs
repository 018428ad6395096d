// The `caisd` executable: every role of cais, the engine roles served in this process.
return Cais.Cli.CaisMain.Run(args, new Cais.Caisd.InProcessEngine());
