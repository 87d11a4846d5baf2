using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary><see cref="Trustworthiness"/> against scikit-learn 1.2.1's <c>sklearn.manifold.trustworthiness</c> (Fixtures/trustworthiness_fixture.json) to 1e-9.</summary>
public sealed class TrustworthinessTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(30)]
    public void Matches_scikit_learn(int k)
    {
        var fixture = FeatureSpaceFixtures.TrustworthinessCase;
        var x = FeatureSpaceFixtures.FloatMatrix(fixture.GetProperty("x"));
        var embedding = FeatureSpaceFixtures.FloatMatrix(fixture.GetProperty("embedding"));
        var expected = fixture.GetProperty("trustworthiness").GetProperty(k.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetDouble();

        Assert.Equal(expected, Trustworthiness.Compute(x, embedding, k), 1e-9);
    }

    [Fact]
    public void An_embedding_that_keeps_every_neighbourhood_scores_1_and_a_shuffled_one_less()
    {
        var x = FeatureSpaceFixtures.FloatMatrix(FeatureSpaceFixtures.TrustworthinessCase.GetProperty("x"));
        Assert.Equal(1.0, Trustworthiness.Compute(x, x, 10), 12);
        var shuffled = x.Select((_, i) => x[(i * 37 + 11) % x.Length]).ToArray();
        Assert.InRange(Trustworthiness.Compute(x, shuffled, 10), 0.0, 0.7);
    }

    [Fact]
    public void Too_many_neighbours_or_mismatched_rows_are_user_errors()
    {
        var x = FeatureSpaceFixtures.FloatMatrix(FeatureSpaceFixtures.TrustworthinessCase.GetProperty("x")); // 120 rows
        Assert.Contains("rows / 2 = 60", Assert.Throws<UserInputException>(() => Trustworthiness.Compute(x, x, 60)).Message);
        Assert.Throws<UserInputException>(() => Trustworthiness.Compute(x, x, 0));
        Assert.Contains("120 input rows, 119 embedded", Assert.Throws<UserInputException>(() => Trustworthiness.Compute(x, x[1..], 5)).Message);
    }
}
