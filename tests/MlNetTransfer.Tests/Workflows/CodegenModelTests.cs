using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>A saved model's schema becomes the generated classes (<see cref="CodegenModel"/>, <see cref="CodegenTemplates"/>).</summary>
[Collection(CodegenModelsCollection.Name)]
public sealed class CodegenModelTests(CodegenModelsFixture models)
{
    private static CodegenModel Read(string zip)
    {
        using var model = ModelFile.Load(new MLContext(0), zip);
        return CodegenModel.Read(model);
    }

    [Fact]
    public void ImageModel_TakesAnImagePath_AndScoresItsLabels()
    {
        var model = Read(models.ImageZip);
        var field = Assert.Single(model.Fields);
        Assert.Equal(("ImagePath", "ImagePath", "string", true, true), (field.Column, field.Property, field.CSharpType, field.IsImagePath, field.ReadByModel));
        Assert.Equal(CodegenOutputKind.Multiclass, model.Output);
        Assert.Equal(Directory.GetDirectories(TestData.FashionTrain).Select(Path.GetFileName).Order(StringComparer.Ordinal), model.Labels);
        Assert.Equal(10, model.ScoreSize);
        Assert.Superset(new HashSet<string> { "Microsoft.ML.OnnxTransformer", "Microsoft.ML.ImageAnalytics" }, model.Assemblies.ToHashSet());
        Assert.False(model.NeedsLibrary, string.Join(", ", model.Assemblies));

        var output = CodegenTemplates.ModelOutput("App", "images.zip", model);
        Assert.Contains("[VectorType(10), JsonPropertyName(\"Score\")]", output);
        Assert.Contains("public string PredictedLabel { get; set; }", output);
        Assert.Contains("        \"ankle-boot\",\n        \"bag\",", output.ReplaceLineEndings("\n"));
        var input = CodegenTemplates.ModelInput("App", "images.zip", model);
        Assert.Contains("public string ImagePath { get; set; } = \"\";", input);
        Assert.DoesNotContain("ColumnName", input);
    }

    [Fact]
    public void CsvModel_NumbersAreFloats_CategoriesAndTextsStrings_NamesSanitisedWithColumnNameAttributes()
    {
        var model = Read(models.MixedZip);
        Assert.Equal(CodegenModelsFixture.MixedColumns[..^1], model.Fields.Select(f => f.Column));
        Assert.Equal(["Class", "_2ndValue", "AB", "AB_2", "TextColumn", "ModelInput_2"], model.Fields.Select(f => f.Property));
        Assert.Equal(["float", "float", "string", "string", "string", "float"], model.Fields.Select(f => f.CSharpType));
        Assert.All(model.Fields, f => Assert.True(f.ReadByModel && !f.IsImagePath && !f.IsVector));
        Assert.True(model.NeedsLibrary, "a tf-idf text part saves MlNetTransfer's custom mappings");
        Assert.Equal(["bad", "good", "ok"], model.Labels.Order(StringComparer.Ordinal));

        var input = CodegenTemplates.ModelInput("App", "mixed.zip", model);
        Assert.Contains("[ColumnName(\"2nd value\"), JsonPropertyName(\"2nd value\")]\n    public float _2ndValue { get; set; }", input.ReplaceLineEndings("\n"));
        Assert.Contains("[ColumnName(\"a b\"), JsonPropertyName(\"a b\")]\n    public string AB_2 { get; set; } = \"\";", input.ReplaceLineEndings("\n"));
        Assert.Contains("[ColumnName(\"ModelInput\"), JsonPropertyName(\"ModelInput\")]\n    public float ModelInput_2 { get; set; }", input.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void FastTreeModel_NeedsTheFastTreePackage()
    {
        var model = Read(models.FastTreeZip);
        Assert.Contains("Microsoft.ML.FastTree", model.Assemblies);
        Assert.Contains(CodegenPackages.For(model.Assemblies), p => p.Id == "Microsoft.ML.FastTree");
        Assert.DoesNotContain(CodegenPackages.For(model.Assemblies), p => p.Id == "Microsoft.ML.OnnxRuntime");
    }

    [Fact]
    public void RegressionModel_HasAFloatScore_AndNoLabels()
    {
        var model = Read(models.RegressionZip);
        Assert.Equal(CodegenOutputKind.Regression, model.Output);
        Assert.Empty(model.Labels);
        Assert.Contains(model.Fields, f => f.CSharpType == "float");
        var output = CodegenTemplates.ModelOutput("App", "weather.zip", model);
        Assert.Contains("public float Score { get; set; }", output);
        Assert.DoesNotContain("PredictedLabel", output);
        Assert.DoesNotContain("Labels", output);
        Assert.DoesNotContain("ModelOutput.Labels", CodegenTemplates.ConsoleProgram("App", "weather.zip", model));
    }

    [Fact]
    public void ColumnTypes_MapToCSharpTypes_VectorsWithTheirDimensions()
    {
        AssertMapped("string", [], TextDataViewType.Instance);
        AssertMapped("float", [], NumberDataViewType.Single);
        AssertMapped("double", [], NumberDataViewType.Double);
        AssertMapped("bool", [], BooleanDataViewType.Instance);
        AssertMapped("long", [], NumberDataViewType.Int64);
        AssertMapped("DateTime", [], DateTimeDataViewType.Instance);
        AssertMapped("float[]", [4], new VectorDataViewType(NumberDataViewType.Single, 4));
        AssertMapped("float[]", [1, 512], new VectorDataViewType(NumberDataViewType.Single, 1, 512));
        AssertMapped("float[]", [0], new VectorDataViewType(NumberDataViewType.Single));
        AssertMapped("string[]", [3], new VectorDataViewType(TextDataViewType.Instance, 3));
        Assert.Null(CodegenModel.CSharpType(new KeyDataViewType(typeof(uint), 3)));
    }

    private static void AssertMapped(string expected, int[] dimensions, DataViewType type)
    {
        var (name, actual) = CodegenModel.CSharpType(type) ?? throw new InvalidOperationException($"{type} not mapped");
        Assert.Equal(expected, name);
        Assert.Equal(dimensions, actual);
    }

    [Fact]
    public void AVectorInput_GetsVectorTypeAndASizedArray_AndAKeyInputIsRefusedNamingTheColumn()
    {
        var field = new CodegenField("pixels 1", "Pixels1", "float[]", [1, 4], false, null, true);
        var model = new CodegenModel([field], CodegenOutputKind.Regression, "", 0, [], ["Microsoft.ML.Data"], []);
        Assert.Contains("[ColumnName(\"pixels 1\"), VectorType(1, 4), JsonPropertyName(\"pixels 1\")]\n    public float[] Pixels1 { get; set; } = new float[4];",
            CodegenTemplates.ModelInput("App", "m.zip", model).ReplaceLineEndings("\n"));
        Assert.Contains("InputValues.Vector(values[0], \"pixels 1\", 4, item => InputValues.Float(item, \"pixels 1\"))", CodegenTemplates.ConsoleProgram("App", "m.zip", model));

        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable([new KeyRow { Code = 1, Target = 1f }], SchemaDefinitionWithKey());
        var zip = Path.Combine(models.Dir, "key-input.zip");
        var pipeline = ml.Transforms.Conversion.MapKeyToVector("Features", "Code").Append(ml.Regression.Trainers.Sdca("Target", "Features", maximumNumberOfIterations: 1));
        ml.Model.Save(pipeline.Fit(data), data.Schema, zip);
        var e = Assert.Throws<UserInputException>(() => CodegenWorkflow.Run(new CodegenOptions { Model = zip, Out = Path.Combine(models.Dir, "key-out") }));
        Assert.Contains("input column 'Code'", e.Message);
        Assert.False(Directory.Exists(Path.Combine(models.Dir, "key-out")));
    }

    private static SchemaDefinition SchemaDefinitionWithKey()
    {
        var definition = SchemaDefinition.Create(typeof(KeyRow));
        definition[nameof(KeyRow.Code)].ColumnType = new KeyDataViewType(typeof(uint), 3);
        return definition;
    }

    private sealed class KeyRow
    {
        public uint Code { get; set; }

        public float Target { get; set; }
    }
}
