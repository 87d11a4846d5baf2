namespace MlNetTransfer.Text;

// One contract per n-gram range (a custom mapping has no parameters of its own); TextMappingsTests checks that
// every valid range has one. Generated: word 1..3, char_wb 1..5.

[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.1-1.v1")] internal sealed class WordNgrams11() : WordNgramsMapping(1, 1);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.1-2.v1")] internal sealed class WordNgrams12() : WordNgramsMapping(1, 2);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.1-3.v1")] internal sealed class WordNgrams13() : WordNgramsMapping(1, 3);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.2-2.v1")] internal sealed class WordNgrams22() : WordNgramsMapping(2, 2);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.2-3.v1")] internal sealed class WordNgrams23() : WordNgramsMapping(2, 3);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.WordNgrams.3-3.v1")] internal sealed class WordNgrams33() : WordNgramsMapping(3, 3);

[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.1-1.v1")] internal sealed class CharWbNgrams11() : CharWbNgramsMapping(1, 1);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.1-2.v1")] internal sealed class CharWbNgrams12() : CharWbNgramsMapping(1, 2);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.1-3.v1")] internal sealed class CharWbNgrams13() : CharWbNgramsMapping(1, 3);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.1-4.v1")] internal sealed class CharWbNgrams14() : CharWbNgramsMapping(1, 4);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.1-5.v1")] internal sealed class CharWbNgrams15() : CharWbNgramsMapping(1, 5);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.2-2.v1")] internal sealed class CharWbNgrams22() : CharWbNgramsMapping(2, 2);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.2-3.v1")] internal sealed class CharWbNgrams23() : CharWbNgramsMapping(2, 3);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.2-4.v1")] internal sealed class CharWbNgrams24() : CharWbNgramsMapping(2, 4);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.2-5.v1")] internal sealed class CharWbNgrams25() : CharWbNgramsMapping(2, 5);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.3-3.v1")] internal sealed class CharWbNgrams33() : CharWbNgramsMapping(3, 3);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.3-4.v1")] internal sealed class CharWbNgrams34() : CharWbNgramsMapping(3, 4);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.3-5.v1")] internal sealed class CharWbNgrams35() : CharWbNgramsMapping(3, 5);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.4-4.v1")] internal sealed class CharWbNgrams44() : CharWbNgramsMapping(4, 4);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.4-5.v1")] internal sealed class CharWbNgrams45() : CharWbNgramsMapping(4, 5);
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute("MlNetTransfer.Text.CharWbNgrams.5-5.v1")] internal sealed class CharWbNgrams55() : CharWbNgramsMapping(5, 5);
