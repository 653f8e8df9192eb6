using CallCenter.Web.Hosting;
using CallCenter.Web.LiveUpdates;
using CallCenter.Web.SignIn;

var builder = WebApplication.CreateBuilder(args);

// Run from build output (the AppHost's way) the pages' scripts and styles are found through the static web assets
// manifest, which only Development reads by default; a published app has them in wwwroot and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.AddFloorServices();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

app.UseHttpsOutsideDevelopment();

app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseRequestLocalization();
app.UseWebSockets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLiveUpdates();
app.MapDefaultEndpoints(FloorRoles.Admin, FloorRoles.Supervisor);

app.Run();
