namespace AutoScaling.Prometheus.Tests;

public sealed class SecretScrubberTests
{
    [Fact]
    public void Basic_auth_password_and_its_header_form_are_masked()
    {
        var scrubber = SecretScrubber.For(new PrometheusQueryOptions { Username = "u", Password = "p4ss-word" });

        // base64("u:p4ss-word") = dTpwNHNzLXdvcmQ=
        Assert.Equal("header Basic ***, user u:***", scrubber.Scrub("header Basic dTpwNHNzLXdvcmQ=, user u:p4ss-word"));
    }

    [Fact]
    public void Bearer_token_is_masked_every_time_it_occurs()
    {
        var scrubber = SecretScrubber.For(new PrometheusQueryOptions { BearerToken = "t0k" });

        Assert.Equal("Bearer *** and *** again", scrubber.Scrub("Bearer t0k and t0k again"));
    }

    [Fact]
    public void Text_without_a_secret_is_returned_as_it_is()
    {
        const string Text = "Prometheus query failed (bad_data): parse error";

        Assert.Same(Text, SecretScrubber.For(new PrometheusQueryOptions { BearerToken = "t0k" }).Scrub(Text));
        Assert.Same(Text, SecretScrubber.For(new PrometheusQueryOptions()).Scrub(Text));
    }
}
