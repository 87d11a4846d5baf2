using Microsoft.ML.Data;

namespace MlNetTransfer.Engine;

/// <summary>Concatenation of feature blocks into one vector, dense when every block is dense, sparse otherwise.</summary>
internal static class FeatureVectors
{
    public static VBuffer<float> Concat(IReadOnlyList<VBuffer<float>> blocks)
    {
        if (blocks.Count == 1) return blocks[0];
        var length = blocks.Sum(b => b.Length);
        if (blocks.All(b => b.IsDense))
        {
            var dense = new float[length];
            var at = 0;
            foreach (var block in blocks)
            {
                block.GetValues().CopyTo(dense.AsSpan(at));
                at += block.Length;
            }
            return new VBuffer<float>(length, dense);
        }
        var count = blocks.Sum(b => b.GetValues().Length);
        var values = new float[count];
        var indices = new int[count];
        var n = 0;
        var offset = 0;
        foreach (var block in blocks)
        {
            var blockValues = block.GetValues();
            blockValues.CopyTo(values.AsSpan(n));
            if (block.IsDense)
                for (var i = 0; i < blockValues.Length; i++) indices[n + i] = offset + i;
            else
            {
                var blockIndices = block.GetIndices();
                for (var i = 0; i < blockIndices.Length; i++) indices[n + i] = offset + blockIndices[i];
            }
            n += blockValues.Length;
            offset += block.Length;
        }
        return new VBuffer<float>(length, count, values, indices);
    }

    /// <summary>A private copy of <paramref name="source"/> (getters reuse their buffers).</summary>
    public static VBuffer<float> Copy(in VBuffer<float> source)
    {
        var copy = default(VBuffer<float>);
        source.CopyTo(ref copy);
        return copy;
    }
}
