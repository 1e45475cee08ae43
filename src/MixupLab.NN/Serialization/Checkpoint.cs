using System.Text.Json;
using MixupLab.NN.Optim;

namespace MixupLab.NN.Serialization;

/// <summary>Saves and restores everything needed to resume training exactly: model weights, optimizer state,
/// random stream states and the position in training.</summary>
/// <remarks>
/// A checkpoint is a folder holding <c>model.safetensors</c> (keys exactly the model's <c>state_dict</c> keys, so
/// PyTorch's <c>load_state_dict(safetensors.torch.load_file(...))</c> loads it into the reference model),
/// <c>optimizer.safetensors</c> (keys <c>state.&lt;parameter&gt;.&lt;buffer&gt;</c>) and <c>checkpoint.json</c>
/// (format, epoch, step, base64 random states, the model's dropout streams by module path, notes). Each file is written atomically; <c>checkpoint.json</c> is
/// written last, so a folder with a complete JSON file holds complete weights of that or a later save.
/// </remarks>
public static class Checkpoint
{
    /// <summary>The model weights' file name.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>The optimizer state's file name.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <summary>The position and random states' file name.</summary>
    public const string InfoFile = "checkpoint.json";

    private const string Format = "mixuplab-checkpoint/1";

    /// <summary>Writes a checkpoint into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">The optimizer, or null to save weights only.</param>
    /// <param name="info">The position, random states and notes.</param>
    public static void Save(string directory, Module model, Optimizer? optimizer, CheckpointInfo info)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        Directory.CreateDirectory(directory);
        Safetensors.Write(Path.Combine(directory, ModelFile), model.StateDict());
        if (optimizer is not null)
        {
            Safetensors.Write(Path.Combine(directory, OptimizerFile), optimizer.StateDict());
        }

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("epoch", info.Epoch);
            w.WriteNumber("step", info.Step);
            w.WriteString("model", model.GetType().Name);
            if (optimizer is not null)
            {
                w.WriteString("optimizer", optimizer.GetType().Name);
            }

            w.WriteStartObject("random_states");
            foreach (var (name, state) in info.RandomStates)
            {
                w.WriteBase64String(name, state);
            }

            w.WriteEndObject();
            w.WriteStartObject("module_random_states");
            foreach (var (path, dropout) in DropoutLayers(model))
            {
                w.WriteBase64String(path, dropout.Random.GetState());
            }

            w.WriteEndObject();
            w.WriteStartObject("notes");
            foreach (var (name, value) in info.Notes)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        var bytes = ms.ToArray();
        AtomicFile.Write(Path.Combine(directory, InfoFile), s => s.Write(bytes));
    }

    /// <summary>Restores a checkpoint written by <see cref="Save"/> into <paramref name="model"/> and <paramref name="optimizer"/>.</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="model">A model of the same architecture (weights are overwritten).</param>
    /// <param name="optimizer">An optimizer of the same kind over the model's parameters, or null to skip its state.</param>
    /// <returns>The position, random states and notes.</returns>
    /// <exception cref="InvalidDataException">A file is missing, corrupt or does not match the model or optimizer; the message names the file and the tensor.</exception>
    public static CheckpointInfo Load(string directory, Module model, Optimizer? optimizer)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(model);
        var info = ReadInfo(Path.Combine(directory, InfoFile), model, optimizer);
        string modelPath = Path.Combine(directory, ModelFile);
        var weights = ReadFile(modelPath);
        try
        {
            model.LoadStateDict(weights);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Checkpoint file '{modelPath}' does not match the model: {e.Message}", e);
        }

        if (optimizer is not null)
        {
            string optimizerPath = Path.Combine(directory, OptimizerFile);
            var state = ReadFile(optimizerPath);
            try
            {
                optimizer.LoadStateDict(state);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Checkpoint file '{optimizerPath}' does not match the optimizer: {e.Message}", e);
            }
        }

        return info;
    }

    private static IEnumerable<(string Path, Layers.Dropout Layer)> DropoutLayers(Module model)
    {
        foreach (var (path, m) in model.NamedModules())
        {
            if (m is Layers.Dropout d)
            {
                yield return (path, d);
            }
        }
    }

    private static TensorDictionary ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Checkpoint file '{path}' is missing.");
        }

        return Safetensors.Read(path);
    }

    private static CheckpointInfo ReadInfo(string path, Module model, Optimizer? optimizer)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Checkpoint file '{path}' is missing.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new InvalidDataException($"Checkpoint file '{path}' is not a {Format} file.");
            }

            if (optimizer is not null && (!root.TryGetProperty("optimizer", out var kind) || kind.GetString() != optimizer.GetType().Name))
            {
                throw new InvalidDataException($"Checkpoint file '{path}' holds no {optimizer.GetType().Name} state.");
            }

            var states = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("random_states").EnumerateObject())
            {
                states[p.Name] = p.Value.GetBytesFromBase64();
            }

            var notes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("notes").EnumerateObject())
            {
                notes[p.Name] = p.Value.GetString() ?? string.Empty;
            }

            if (root.TryGetProperty("module_random_states", out var moduleStates))
            {
                var layers = DropoutLayers(model).ToDictionary(d => d.Path, d => d.Layer, StringComparer.Ordinal);
                foreach (var p in moduleStates.EnumerateObject())
                {
                    if (!layers.TryGetValue(p.Name, out var layer))
                    {
                        throw new InvalidDataException($"Checkpoint file '{path}' holds a dropout stream for '{p.Name}', which the model does not have.");
                    }

                    layer.Random.SetState(p.Value.GetBytesFromBase64());
                }
            }

            return new CheckpointInfo(root.GetProperty("epoch").GetInt32(), root.GetProperty("step").GetInt32(), states, notes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Checkpoint file '{path}' is invalid: {e.Message}", e);
        }
    }
}
