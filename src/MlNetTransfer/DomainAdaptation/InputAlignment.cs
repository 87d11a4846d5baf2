namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Input-space alignment of source images before the backbone (<c>adapt --input-alignment</c>): normalise where the
/// content sits and at what resolution, so that source images look like the target's when the shift is geometric
/// (objects of another size, place or resolution). Only the training images change; the saved model reads target images
/// as they are. See <see cref="ContentAlignedImages"/>.
/// </summary>
public enum InputAlignment
{
    /// <summary>Source images as they are.</summary>
    None,

    /// <summary>Cropped to the content's bounding box (pixels that differ from the border's colour), then padded to a square with that colour.</summary>
    CropPad,

    /// <summary><see cref="CropPad"/>, then resampled to the target images' native resolution (their median width and height).</summary>
    CropPadResample,
}
