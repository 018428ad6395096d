// The `caisd` executable: the daemon and `image bootstrap` served here; the runtime and the
// monitor as in cais; every other command handed to the cais beside it (ClientHandoff).
var client = new Cais.Caisd.ClientHandoff(args);
return Cais.Cli.CaisMain.Run(args, new Cais.Caisd.InProcessEngine(), client.Find);
