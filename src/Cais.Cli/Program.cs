// The single `cais` executable. Wiring only; every role lives in its own project.
return Cais.Cli.CaisMain.Run(args);
