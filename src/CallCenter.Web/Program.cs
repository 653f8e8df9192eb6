using CallCenter.Web.Hosting;
using CallCenter.Web.LiveUpdates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFloorServices();

var app = builder.Build();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseRequestLocalization();
app.UseWebSockets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLiveUpdates();
app.MapDefaultEndpoints();

app.Run();
