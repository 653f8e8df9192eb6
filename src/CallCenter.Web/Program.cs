using CallCenter.Web.Hosting;
using CallCenter.Web.LiveUpdates;
using CallCenter.Web.SignIn;

var builder = WebApplication.CreateBuilder(args);

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
