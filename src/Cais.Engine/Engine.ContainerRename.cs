using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Images.Metadata;

namespace Cais.Engine;

// POST /containers/{id}/rename?name=: the record gets its new name. Like Docker, nothing inside
// the container changes (its hostname and /etc/hosts keep the old one).
public sealed partial class Engine
{
    public void RenameContainer(string idOrName, string? newName)
    {
        if (string.IsNullOrEmpty(idOrName) || string.IsNullOrEmpty(newName))
            throw new InvalidParameterException("Neither old nor new names may be empty");
        var c = Get(idOrName);
        var stored = newName.StartsWith('/') ? newName : "/" + newName;
        if (stored == c.Record.Name) throw new InvalidParameterException("Renaming a container with the same name as its current name");
        if (!ContainerNames.IsValid(stored))
            throw new InvalidParameterException($"Invalid container name ({stored}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");

        // Under the registry's lock, so two renames cannot both take a free name; a create that
        // checked the name just before is refused by the store's unique name instead.
        lock (containersLock)
        {
            var holder = containers.Values.FirstOrDefault(other => other.Record.Name == stored);
            if (holder is not null) throw NameInUse(stored, holder.Id);
            var old = c.Record.Name;
            c.Record.Name = stored;
            try
            {
                Save(c);
                Events.Container("rename", c, new Dictionary<string, string> { ["oldName"] = old });
            }
            catch (ContainerNameTakenException e)
            {
                c.Record.Name = old;
                throw NameInUse(stored, e.Holder);
            }
            catch
            {
                c.Record.Name = old;
                throw;
            }
        }
    }

    static ConflictException NameInUse(string name, string holder) =>
        new($"Error when allocating new name: Conflict. The container name \"{name}\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.");
}
