using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BrpBlazor.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BrpDbContext>
{
    public BrpDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BrpDbContext>().UseBrpSqlite("Data Source=design-time.db").Options);
}
